namespace Diqing.Procurement.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite = 1,
    SqlServer = 2,
    PostgreSql = 3,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public const string SqliteMigrationsAssembly = "Diqing.Procurement.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "Diqing.Procurement.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "Diqing.Procurement.Migrations.PostgreSql";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for SQL Server and PostgreSQL; for SQLite it defaults to a file in <see cref="DataFolder"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder of the embedded SQLite database (relative paths are under the app's content root).</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Server databases (SQL Server, PostgreSQL) only: apply migrations at start-up (SQLite always does).</summary>
    public bool MigrateOnStartup { get; set; }

    public string ResolveConnectionString(string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        if (Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException($"Database:ConnectionString is required when Database:Provider is {Provider}.");
        }

        return $"Data Source={Path.Combine(ResolveDataFolder(contentRoot), "diqing.db")}";
    }

    public string ResolveDataFolder(string contentRoot) =>
        Path.IsPathRooted(DataFolder) ? DataFolder : Path.GetFullPath(Path.Combine(contentRoot, DataFolder));
}
