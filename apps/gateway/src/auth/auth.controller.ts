import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ZodBody } from '../http/zod-http';
import { ApiContract } from '../http/api-contract.decorator';
import { clientIp } from '../http/client-ip';
import { SkipAudit } from '../audit/audit.decorators';
import { LoginThrottle, Public } from './auth.decorators';
import { changePasswordBody, loginBody, logoutBody, refreshBody, tokenPairResponse } from './auth.dto';
import { AuthService } from './auth.service';

/** Login and session routes write their own audit rows (with the actor they establish). */
@Controller('api/v1/auth')
@Public()
@SkipAudit()
@LoginThrottle()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiContract({
    summary: '登录',
    description: '连续 5 次失败锁定 15 分钟；同一 IP 另有频率限制。',
    tags: ['auth'],
    public: true,
    body: loginBody,
    response: tokenPairResponse,
    errors: [
      'VALIDATION_FAILED',
      'UNKNOWN_FIELD',
      'UNAUTHENTICATED',
      'ACCOUNT_LOCKED',
      'PASSWORD_EXPIRED',
      'RATE_LIMITED',
    ],
  })
  login(@ZodBody(loginBody) body: z.infer<typeof loginBody>, @Req() request: FastifyRequest) {
    return this.auth.login(body.username, body.password, clientIp(request));
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiContract({
    summary: '刷新令牌（轮换）',
    description: '每次刷新都签发新的刷新令牌；已用过的刷新令牌再次出现时整个会话被注销。',
    tags: ['auth'],
    public: true,
    body: refreshBody,
    response: tokenPairResponse,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'RATE_LIMITED'],
  })
  refresh(@ZodBody(refreshBody) body: z.infer<typeof refreshBody>, @Req() request: FastifyRequest) {
    return this.auth.refresh(body.refreshToken, clientIp(request));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiContract({
    summary: '退出登录',
    description: '注销刷新令牌所属会话，该会话的访问令牌随即失效。',
    tags: ['auth'],
    public: true,
    body: logoutBody,
    response: null,
    status: 204,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'RATE_LIMITED'],
  })
  async logout(@ZodBody(logoutBody) body: z.infer<typeof logoutBody>, @Req() request: FastifyRequest) {
    await this.auth.logout(body.refreshToken, clientIp(request));
  }

  @Post('change-password')
  @HttpCode(204)
  @ApiContract({
    summary: '修改密码（含密码过期后）',
    tags: ['auth'],
    public: true,
    body: changePasswordBody,
    response: null,
    status: 204,
    errors: ['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'UNAUTHENTICATED', 'ACCOUNT_LOCKED', 'RATE_LIMITED'],
  })
  async changePassword(
    @ZodBody(changePasswordBody) body: z.infer<typeof changePasswordBody>,
    @Req() request: FastifyRequest,
  ) {
    await this.auth.changePassword(body.username, body.currentPassword, body.newPassword, clientIp(request));
  }
}
