namespace Diqing.Procurement.Application.Setup;

/// <summary>"Demo" configuration section: demo data and accounts (never in production).</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; }
}

/// <summary>"Bootstrap" section: the first Administrator of a production installation.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    public string? AdminUserName { get; set; }

    public string? AdminPassword { get; set; }

    public string AdminDisplayName { get; set; } = "Administrator";
}

public sealed class StartupRefusedException(string message) : Exception(message);
