using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Attachments;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Reports;

/// <summary>
/// Files of a report: uploaded by its agency while it is editable, read by whoever may read the
/// report. Limits: 20 MB, 20 files, JPEG/PNG/PDF/XLSX/DOCX recognised by content.
/// </summary>
public sealed class AttachReportFilesHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    IFileStore files,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(int reportId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.MilestoneReports.AsNoTracking().Visible(currentUser).AnyAsync(r => r.Id == reportId, cancellationToken))
        {
            throw new NotFoundException(nameof(MilestoneReport), reportId);
        }

        if (!await ReportAccess.MayReadFilesAsync(db, reportId, currentUser, cancellationToken))
        {
            return [];
        }

        return await AttachmentInfo.List(db.Attachments.AsNoTracking().Where(a => a.ReportId == reportId)).ToListAsync(cancellationToken);
    }

    public async Task<AttachmentInfo> UploadAsync(int reportId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var agencyId = ReportAccess.DemandAgency(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var report = await db.MilestoneReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId && r.AgencyId == agencyId, cancellationToken)
            ?? throw new NotFoundException(nameof(MilestoneReport), reportId);
        await DemandEditableAsync(db, report, cancellationToken);

        return await AttachmentIntake.AddAsync(db, files, db.Attachments.Where(a => a.ReportId == reportId), content, (size, kind, sha256, key) =>
            Attachment.ForReport(reportId, fileName, size, kind, sha256, key, currentUser.UserName!, clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    public async Task DeleteAsync(Guid attachmentId, CancellationToken cancellationToken = default)
    {
        var agencyId = ReportAccess.DemandAgency(currentUser);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == attachmentId, cancellationToken)
            ?? throw new NotFoundException(nameof(Attachment), attachmentId);
        var report = await db.MilestoneReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == attachment.ReportId && r.AgencyId == agencyId, cancellationToken)
            ?? throw new NotFoundException(nameof(Attachment), attachmentId);
        await DemandEditableAsync(db, report, cancellationToken);

        await AttachmentIntake.RemoveAsync(db, files, attachment, cancellationToken);
    }

    /// <summary>The agency changes files while the report is editable and the contract runs (as for the report itself).</summary>
    private static async Task DemandEditableAsync(ProcurementDbContext db, MilestoneReport report, CancellationToken cancellationToken)
    {
        if (!report.IsEditableByAgency)
        {
            throw new DomainException("Report.ReadOnly");
        }

        var contractStatus = await db.Contracts.Where(c => c.Id == report.ContractId).Select(c => c.Status).SingleAsync(cancellationToken);
        if (!contractStatus.IsRunning())
        {
            throw new DomainException("Report.ContractNotActive");
        }
    }
}
