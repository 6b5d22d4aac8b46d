using System.Text.Json;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Diqing.Procurement.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diqing.Procurement.Infrastructure.Persistence.Configurations;

/// <summary>Small lists stored as one JSON column each (read and written whole).</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static PropertyBuilder<List<T>> AsJson<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<List<T>>(v, Options) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(),
                v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, Options), Options)!));
}

internal sealed class CompetitionConfiguration : IEntityTypeConfiguration<Competition>
{
    public void Configure(EntityTypeBuilder<Competition> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Theme).HasMaxLength(500);
        builder.Property(c => c.Phase).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.SpreadThreshold).HasPrecision(6, 2);
        builder.Property(c => c.EarlyPublicationReason).HasMaxLength(1000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<FundingSource>().WithMany().HasForeignKey(c => c.FundingSourceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property<List<TargetGroup>>("_eligibleGroups").HasColumnName("EligibleGroups").AsJson();
        builder.Ignore(c => c.EligibleGroups);
        builder.Property<List<string>>("_judgeIds").HasColumnName("JudgeIds").AsJson();
        builder.Ignore(c => c.JudgeIds);
        builder.HasMany(c => c.Criteria).WithOne().HasForeignKey(c => c.CompetitionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Criteria).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RubricCriterionConfiguration : IEntityTypeConfiguration<RubricCriterion>
{
    public void Configure(EntityTypeBuilder<RubricCriterion> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(500);
        builder.Property(c => c.MaxPoints).HasPrecision(6, 2);
    }
}

internal sealed class CompetitionEntryConfiguration : IEntityTypeConfiguration<CompetitionEntry>
{
    public void Configure(EntityTypeBuilder<CompetitionEntry> builder)
    {
        builder.HasOne<Competition>().WithMany().HasForeignKey(e => e.CompetitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(e => e.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PurchaseContract>().WithMany().HasForeignKey(e => e.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Title).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Problem).HasMaxLength(4000);
        builder.Property(e => e.Plan).HasMaxLength(8000);
        builder.Property(e => e.ExpectedOutcomes).HasMaxLength(4000);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Award).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.AwardReason).HasMaxLength(1000);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property<List<TargetGroup>>("_targetGroups").HasColumnName("TargetGroups").AsJson();
        builder.Ignore(e => e.TargetGroups);
        builder.Property<List<BudgetLine>>("_budgetLines").HasColumnName("BudgetLines").AsJson();
        builder.Ignore(e => e.BudgetLines);
        builder.HasIndex(e => new { e.CompetitionId, e.Status });
        builder.HasIndex(e => e.AgencyId);
    }
}

internal sealed class ScoreSheetConfiguration : IEntityTypeConfiguration<ScoreSheet>
{
    public void Configure(EntityTypeBuilder<ScoreSheet> builder)
    {
        builder.HasOne<CompetitionEntry>().WithMany().HasForeignKey(s => s.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.JudgeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.EntryId, s.JudgeId }).IsUnique();
        builder.HasIndex(s => s.CompetitionId);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ReopenReason).HasMaxLength(1000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property<List<CriterionScore>>("_scores").HasColumnName("Scores").AsJson();
        builder.Ignore(s => s.Scores);
        builder.Ignore(s => s.Total);
    }
}

internal sealed class ConflictDeclarationConfiguration : IEntityTypeConfiguration<ConflictDeclaration>
{
    public void Configure(EntityTypeBuilder<ConflictDeclaration> builder)
    {
        builder.HasOne<Competition>().WithMany().HasForeignKey(c => c.CompetitionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.JudgeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CompetitionId, c.JudgeId }).IsUnique();
        builder.Property<List<int>>("_agencyIds").HasColumnName("AgencyIds").AsJson();
        builder.Ignore(c => c.AgencyIds);
    }
}

internal sealed class JudgeAssignmentConfiguration : IEntityTypeConfiguration<JudgeAssignment>
{
    public void Configure(EntityTypeBuilder<JudgeAssignment> builder)
    {
        builder.HasOne<CompetitionEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.JudgeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.EntryId, a.JudgeId }).IsUnique();
        builder.HasIndex(a => new { a.CompetitionId, a.JudgeId });
    }
}
