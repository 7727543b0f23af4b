import { Get, Render } from '@nestjs/common';
import { WebController } from './web-controller';

/** The landing page of roles without a workbench of their own here (analyst, admin). */
@WebController()
export class HomeController {
  @Get('home')
  @Render('pages/home')
  home() {
    return { title: 'home.title' };
  }
}
