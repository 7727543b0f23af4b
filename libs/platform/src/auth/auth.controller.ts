import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthService } from './auth.service';
import { LoginDto } from './login.dto';
import { Public } from './roles.decorator';
import { TokenService } from './token.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Exchange a username and password for a bearer token; 429 with Retry-After after too many failures',
  })
  async login(@Body() body: LoginDto, @Req() request: Request) {
    const { token, expiresAt, user } = await this.auth.login(
      body.username,
      body.password,
      'api',
      request.ip,
    );
    return { token, expiresAt, user };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the bearer token used for this request' })
  async logout(@Req() request: Request): Promise<void> {
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    if (token) await this.tokens.revoke(token);
  }
}
