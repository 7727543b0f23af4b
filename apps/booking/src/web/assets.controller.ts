import { Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { NotFound, Public } from '@kotoportti/platform';
import { readdirSync } from 'node:fs';
import { findBookingDir } from './views-dir';
import { WebController } from './web-controller';

const PUBLIC_DIR = findBookingDir('public');
/** Only the files that ship, listed once: no path from the URL ever reaches the disk. */
const FILES = new Set(readdirSync(PUBLIC_DIR).filter((file) => /^[a-z-]+\.(js|css)$/.test(file)));

/** The stylesheet and the few scripts of the pages, served from this service itself. */
@Public()
@WebController('assets')
export class AssetsController {
  @Get(':file')
  file(@Param('file') file: string, @Res() response: Response) {
    if (!FILES.has(file)) throw new NotFound('File');
    response.setHeader('Cache-Control', 'public, max-age=3600');
    response.sendFile(file, { root: PUBLIC_DIR });
  }
}
