using System.Text.Json;
using Diqing.Procurement.Domain.Announcements;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Diqing.Procurement.Infrastructure.Persistence.Configurations;

internal sealed class WelfareLotteryAnnouncementConfiguration : IEntityTypeConfiguration<WelfareLotteryAnnouncement>
{
    public void Configure(EntityTypeBuilder<WelfareLotteryAnnouncement> builder)
    {
        builder.HasIndex(a => a.Year).IsUnique();
        builder.Property(a => a.Narrative).HasMaxLength(WelfareLotteryAnnouncement.NarrativeMaxLength).IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.PublishedBy).HasMaxLength(256);

        // The frozen figures are one JSON document: read and shown whole, never queried by part.
        builder.Property(a => a.Figures).HasConversion(FiguresJson.Converter).Metadata.SetValueComparer(FiguresJson.Comparer);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.IsPublished);
    }
}

internal static class FiguresJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static readonly ValueConverter<AnnouncementFigures?, string?> Converter = new(
        v => v == null ? null : JsonSerializer.Serialize(v, Options),
        v => v == null ? null : JsonSerializer.Deserialize<AnnouncementFigures>(v, Options));

    public static readonly ValueComparer<AnnouncementFigures?> Comparer = new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        v => JsonSerializer.Serialize(v, Options).GetHashCode(),
        v => v);
}
