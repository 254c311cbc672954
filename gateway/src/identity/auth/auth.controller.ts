import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, Public } from '@crm/common';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { LoginDto } from './login.dto.js';
import { RefreshDto } from './refresh.dto.js';
import type { MeView, SessionView } from './session-view.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with e-mail and password (failed attempts are limited per IP, per account and IP, and per account: 429 with Retry-After)' })
  async login(@Body() dto: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionView> {
    void reply.header('cache-control', 'no-store');
    const attempt = await this.throttle.begin(request.ip, dto.email, (seconds) => void reply.header('retry-after', String(seconds)));
    let session: SessionView;
    try {
      session = await this.auth.login(dto);
    } catch (error) {
      // Only a wrong password (or unknown e-mail) is a guess that keeps counting.
      if (!(error instanceof ProblemException && error.getStatus() === 401)) await attempt.refund().catch(() => undefined);
      throw error;
    }
    // The user is in; a refund that fails only leaves one counted attempt behind.
    await attempt.refund().catch(() => undefined);
    return session;
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)' })
  refresh(@Body() dto: RefreshDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionView> {
    void reply.header('cache-control', 'no-store');
    return this.auth.refresh(dto.refreshToken);
  }

  @Get('me')
  @Scopes()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who I am: the user (or API key) behind the token, with the tenant' })
  me(@CurrentUser() caller: AuthUser): Promise<MeView> {
    return this.auth.me(caller);
  }
}
