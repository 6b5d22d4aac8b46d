using System.Text.Json;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diqing.Procurement.Infrastructure.Persistence.Configurations;

internal sealed class MilestoneReportConfiguration : IEntityTypeConfiguration<MilestoneReport>
{
    public void Configure(EntityTypeBuilder<MilestoneReport> builder)
    {
        builder.HasIndex(r => r.MilestoneId).IsUnique();
        builder.HasIndex(r => new { r.Status, r.LastSubmittedAtUtc });
        builder.HasIndex(r => r.AgencyId);
        builder.HasOne<PurchaseContract>().WithMany().HasForeignKey(r => r.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Milestone>().WithMany().HasForeignKey(r => r.MilestoneId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Content).HasConversion(ReportJson.Content).Metadata.SetValueComparer(ReportJson.ContentComparer);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasMany(r => r.Versions).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(r => r.Latest);
        builder.Ignore(r => r.IsEditableByAgency);
        builder.Ignore(r => r.IsAwaitingReview);
    }
}

internal sealed class ReportVersionConfiguration : IEntityTypeConfiguration<ReportVersion>
{
    public void Configure(EntityTypeBuilder<ReportVersion> builder)
    {
        builder.HasIndex(v => new { v.ReportId, v.Number }).IsUnique();
        builder.Property(v => v.Content).HasConversion(ReportJson.Content).Metadata.SetValueComparer(ReportJson.ContentComparer);
        builder.Property(v => v.SubmittedBy).HasMaxLength(256).IsRequired();
        builder.Property(v => v.ReviewedBy).HasMaxLength(256);
        builder.Property(v => v.ReviewComment).HasMaxLength(4000);
        builder.Property(v => v.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.FieldComments).HasConversion(
            v => JsonSerializer.Serialize(v, ReportJson.Options),
            v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, ReportJson.Options) ?? new Dictionary<string, string>(),
            new ValueComparer<IReadOnlyDictionary<string, string>>(
                (a, b) => JsonSerializer.Serialize(a, ReportJson.Options) == JsonSerializer.Serialize(b, ReportJson.Options),
                v => JsonSerializer.Serialize(v, ReportJson.Options).GetHashCode(),
                v => new Dictionary<string, string>(v)));
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable(t => t.HasCheckConstraint(
            "CK_Attachments_OneOwner",
            "(CASE WHEN ReportId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN ContractId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN EntryId IS NULL THEN 0 ELSE 1 END) = 1"));
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasOne<MilestoneReport>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PurchaseContract>().WithMany().HasForeignKey(a => a.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CompetitionEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.OriginalName).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(64).IsUnicode(false).IsFixedLength().IsRequired();
        builder.Property(a => a.StorageKey).HasMaxLength(100).IsUnicode(false).IsRequired();
        builder.Property(a => a.UploadedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(a => a.ReportId);
        builder.HasIndex(a => a.ContractId);
        builder.HasIndex(a => a.EntryId);
    }
}

/// <summary>Report content is one JSON document per row: it is read and written whole, never queried by part.</summary>
internal static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<ReportContent, string> Content = new(
        v => JsonSerializer.Serialize(v, Options),
        v => JsonSerializer.Deserialize<ReportContent>(v, Options) ?? ReportContent.Empty);

    public static readonly ValueComparer<ReportContent> ContentComparer = new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        v => JsonSerializer.Serialize(v, Options).GetHashCode(),
        v => v);
}
