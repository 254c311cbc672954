import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@crm/common';
import { CurrentUser, Scopes, type AuthUser } from '@crm/auth';
import { AuthService } from './auth.service.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { LoginDto } from './login.dto.js';
import { RefreshDto } from './refresh.dto.js';
import type { MeView, SessionView } from './session-view.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly rateLimiter: LoginRateLimiter,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with e-mail and password (rate limited per IP and e-mail)' })
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionView> {
    this.rateLimiter.check(request.ip, dto.email, (seconds) => void reply.header('retry-after', String(seconds)));
    void reply.header('cache-control', 'no-store');
    return this.auth.login(dto);
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
