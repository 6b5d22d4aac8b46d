using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Auditing;
using Diqing.Procurement.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Diqing.Procurement.Infrastructure.Persistence;

public class ProcurementDbContext(DbContextOptions<ProcurementDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<FundingSource> FundingSources => Set<FundingSource>();

    public DbSet<Allocation> Allocations => Set<Allocation>();

    public DbSet<Disbursement> Disbursements => Set<Disbursement>();

    public DbSet<PaymentVoucher> PaymentVouchers => Set<PaymentVoucher>();

    public DbSet<PurchaseContract> Contracts => Set<PurchaseContract>();

    public DbSet<Milestone> Milestones => Set<Milestone>();

    public DbSet<Installment> Installments => Set<Installment>();

    public DbSet<ContractNumberSequence> ContractNumberSequences => Set<ContractNumberSequence>();

    public DbSet<MilestoneReport> MilestoneReports => Set<MilestoneReport>();

    public DbSet<ReportVersion> ReportVersions => Set<ReportVersion>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<Domain.Notifications.Notification> Notifications => Set<Domain.Notifications.Notification>();

    public DbSet<Domain.Competitions.Competition> Competitions => Set<Domain.Competitions.Competition>();

    public DbSet<Domain.Competitions.CompetitionEntry> CompetitionEntries => Set<Domain.Competitions.CompetitionEntry>();

    public DbSet<Domain.Competitions.ScoreSheet> ScoreSheets => Set<Domain.Competitions.ScoreSheet>();

    public DbSet<Domain.Competitions.ConflictDeclaration> ConflictDeclarations => Set<Domain.Competitions.ConflictDeclaration>();

    public DbSet<Domain.Competitions.JudgeAssignment> JudgeAssignments => Set<Domain.Competitions.JudgeAssignment>();

    public DbSet<Domain.Announcements.WelfareLotteryAnnouncement> WelfareLotteryAnnouncements => Set<Domain.Announcements.WelfareLotteryAnnouncement>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>The data-protection key ring (cookies, antiforgery, reset tokens), shared by every instance of the app.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who runs which background work (<see cref="Hosting.BackgroundLeases"/>).</summary>
    public DbSet<Hosting.BackgroundLease> BackgroundLeases => Set<Hosting.BackgroundLease>();

    /// <summary>Audit events (logins, exports…) written with the next <c>SaveChanges</c>.</summary>
    internal List<AuditDraft> PendingAuditEvents { get; } = [];

    /// <summary>Set by the audit interceptor while it appends to the chain.</summary>
    internal AuditSession? ActiveAuditSession { get; set; }

    /// <summary>Queues an audit event (not an entity change) for the next <c>SaveChanges</c>.</summary>
    public void RecordEvent(AuditAction action, string subject, string? subjectKey, object? details = null, AuditActor? actor = null) =>
        PendingAuditEvents.Add(AuditDraft.ForEvent(action, subject, subjectKey, details, actor));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ProcurementDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            PostgreSqlModel.QuoteCheckConstraintColumns(builder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are stored as UTC; SQLite and SQL Server hand DateTime back as Unspecified, so mark them UTC again
        // (PostgreSQL's timestamp with time zone takes and gives UTC only).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
