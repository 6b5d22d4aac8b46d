using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diqing.Procurement.Infrastructure.Hosting;

/// <summary>
/// One row per piece of background work (e.g. "deadline-notices"): which app instance holds it and
/// until when. Work that must run once across several instances takes the lease first.
/// </summary>
public sealed class BackgroundLease
{
    private BackgroundLease()
    {
    }

    internal BackgroundLease(string name, string holder, DateTime takenAtUtc, DateTime expiresAtUtc)
    {
        Name = name;
        Holder = holder;
        TakenAtUtc = takenAtUtc;
        ExpiresAtUtc = expiresAtUtc;
    }

    public string Name { get; private set; } = string.Empty;

    public string Holder { get; private set; } = string.Empty;

    public DateTime TakenAtUtc { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }
}

internal sealed class BackgroundLeaseConfiguration : IEntityTypeConfiguration<BackgroundLease>
{
    public void Configure(EntityTypeBuilder<BackgroundLease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200).IsRequired();
    }
}
