using Diqing.Procurement.Application.Features.Audit;

namespace Diqing.Procurement.Application.Features.Ledgers;

internal static class AuditLedger
{
    public static Task<LedgerDocument> BuildAsync(LedgerContext context, VerifyAuditChainHandler verify, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Follows in the next commit.");
}
