import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { authorize, PageArgs, type SubgraphContext } from '@ngo-hub/kit';
import { AuditEntry, AuditEntryConnection, AuditLogFilter } from './audit.type.js';
import { listAuditLog } from './audit.service.js';

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'Every successful write, newest first (ADMIN only): who (the credential), what (operation, entity, fields given), when.',
  })
  auditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Conditions the entries must meet.' })
    filter: AuditLogFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    authorize(ctx, { action: 'auditLog' });
    return listAuditLog(ctx.em, filter, page);
  }
}
