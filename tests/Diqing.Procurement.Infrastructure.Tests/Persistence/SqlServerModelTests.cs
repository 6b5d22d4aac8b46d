using System.Text.RegularExpressions;
using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Infrastructure.Tests.Persistence;

/// <summary>The relational model as EF maps it for SQL Server, read without a server.</summary>
internal static class SqlServerModel
{
    public const string ConnectionString = "Server=127.0.0.1,1;Database=NotUsed;User Id=x;Password=y;TrustServerCertificate=True";

    public static IRelationalModel Build()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddProcurementInfrastructure(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = ConnectionString }, Path.GetTempPath(), Diqing.Procurement.TestSupport.TestApp.AuditOptions(Path.GetTempPath()))
            .BuildServiceProvider();
        using var db = services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<ProcurementDbContext>>().CreateDbContext();
        return db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
    }
}

/// <summary>
/// What SQL Server refuses and SQLite accepts, found in the model before a DBA finds it in production:
/// more than one cascading path (or a cycle) between two tables, index keys longer than SQL Server
/// allows (1,700 bytes, 900 for the clustered key), and (max) columns as index keys.
/// </summary>
public sealed partial class SqlServerModelTests
{
    private const int ClusteredKeyLimit = 900;
    private const int NonClusteredKeyLimit = 1_700;
    private const int Unbounded = int.MaxValue;

    /// <summary>
    /// Keys of ASP.NET Core Identity's tables as Microsoft ships them for SQL Server: their declared maximum is over
    /// 900 bytes (user and role ids are nvarchar(450), passkey credential ids varbinary(1024)), which SQL Server accepts
    /// with a warning; the values stored are far shorter (36-character GUID ids, credential ids of a few dozen bytes).
    /// </summary>
    private static readonly HashSet<string> IdentityKeysAsShipped = ["PK_AspNetUserRoles", "PK_AspNetUserTokens", "PK_AspNetUserPasskeys"];

    [Fact]
    public void No_table_is_reached_by_two_cascading_paths_or_a_cascading_cycle()
    {
        var model = SqlServerModel.Build();

        var problems = CascadeProblems(model);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Index_keys_fit_SQL_Server_and_hold_no_max_columns()
    {
        var model = SqlServerModel.Build();

        var problems = IndexKeyProblems(model).Where(p => !IdentityKeysAsShipped.Contains(p.Name)).Select(p => p.Problem).ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    // The checks must be able to fail: each is shown a model that breaks its rule.
    [Fact]
    public void The_checks_find_the_problems_SQL_Server_refuses()
    {
        using var db = new BrokenContext();
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();

        var cascades = CascadeProblems(model);
        var keys = IndexKeyProblems(model).Select(p => p.Problem).ToList();

        Assert.Contains(cascades, p => p.Contains("Region → Site: 2 paths", StringComparison.Ordinal));
        Assert.Contains(cascades, p => p.Contains("Node → Node: a cycle", StringComparison.Ordinal));
        Assert.Contains(keys, p => p.Contains("IX_Site_Description", StringComparison.Ordinal) && p.Contains("nvarchar(max)", StringComparison.Ordinal));
        Assert.Contains(keys, p => p.Contains("IX_Site_Name_Code", StringComparison.Ordinal) && p.Contains("2000 bytes", StringComparison.Ordinal));
        Assert.Contains(keys, p => p.Contains("PK_Region", StringComparison.Ordinal) && p.Contains("1000 bytes", StringComparison.Ordinal));
    }

    private static List<string> CascadeProblems(IRelationalModel model)
    {
        // SQL Server refuses ON DELETE CASCADE / SET NULL / SET DEFAULT when a table can be reached twice from another.
        var edges = model.Tables
            .SelectMany(t => t.ForeignKeyConstraints)
            .Where(fk => fk.OnDeleteAction is ReferentialAction.Cascade or ReferentialAction.SetNull or ReferentialAction.SetDefault)
            .GroupBy(fk => fk.PrincipalTable.Name)
            .ToDictionary(g => g.Key, g => g.Select(fk => (Table: fk.Table.Name, Name: fk.Name)).ToList());
        var problems = new List<string>();
        foreach (var start in edges.Keys)
        {
            var paths = new Dictionary<string, List<string>>();
            void Walk(string table, string path, HashSet<string> seen)
            {
                foreach (var (dependent, name) in edges.GetValueOrDefault(table) ?? new List<(string Table, string Name)>())
                {
                    var next = $"{path} —{name}→ {dependent}";
                    (paths.TryGetValue(dependent, out var list) ? list : paths[dependent] = []).Add(next);
                    if (seen.Add(dependent))
                    {
                        Walk(dependent, next, seen);
                        seen.Remove(dependent);
                    }
                }
            }

            Walk(start, start, [start]);
            problems.AddRange(paths.Where(p => p.Value.Count > 1 || p.Key == start)
                .Select(p => $"{start} → {p.Key}: {(p.Key == start ? "a cycle" : $"{p.Value.Count} paths")} ({string.Join("; ", p.Value)})"));
        }

        return problems;
    }

    private static List<(string Name, string Problem)> IndexKeyProblems(IRelationalModel model)
    {
        var problems = new List<(string, string)>();
        foreach (var table in model.Tables)
        {
            var keys = new List<(string Name, IReadOnlyList<IColumn> Columns, bool Clustered)>();
            if (table.PrimaryKey is { } primaryKey)
            {
                keys.Add((primaryKey.Name, primaryKey.Columns, primaryKey.MappedKeys.First().IsClustered() ?? true));
            }

            keys.AddRange(table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()).Select(u => (u.Name, u.Columns, u.MappedKeys.First().IsClustered() ?? false)));
            keys.AddRange(table.Indexes.Select(i => (i.Name, i.Columns, i.MappedIndexes.First().IsClustered() ?? false)));
            foreach (var (name, columns, clustered) in keys)
            {
                var unbounded = columns.Where(c => KeyBytes(c.StoreType) == Unbounded).ToList();
                if (unbounded.Count > 0)
                {
                    problems.Add((name, $"{table.Name}.{name}: {string.Join(", ", unbounded.Select(c => $"{c.Name} {c.StoreType}"))} cannot be an index key"));
                    continue;
                }

                var bytes = columns.Sum(c => KeyBytes(c.StoreType));
                var limit = clustered ? ClusteredKeyLimit : NonClusteredKeyLimit;
                if (bytes > limit)
                {
                    problems.Add((name, $"{table.Name}.{name}: {bytes} bytes over the {limit} of a {(clustered ? "clustered" : "nonclustered")} key ({string.Join(", ", columns.Select(c => $"{c.Name} {c.StoreType}"))})"));
                }
            }
        }

        return problems;
    }

    /// <summary>The most bytes a value of a SQL Server type takes in an index key.</summary>
    private static int KeyBytes(string storeType)
    {
        var match = SizedType().Match(storeType);
        var type = match.Groups["type"].Value.ToLowerInvariant();
        var size = match.Groups["size"].Value;
        return type switch
        {
            _ when size == "max" => Unbounded,
            "nvarchar" or "nchar" => 2 * int.Parse(size, System.Globalization.CultureInfo.InvariantCulture),
            "varchar" or "char" or "varbinary" or "binary" => int.Parse(size, System.Globalization.CultureInfo.InvariantCulture),
            "bit" or "tinyint" => 1,
            "smallint" => 2,
            "date" => 3,
            "int" or "real" => 4,
            "time" => 5,
            "bigint" or "float" or "money" or "datetime" or "datetime2" => 8,
            "datetimeoffset" => 10,
            "uniqueidentifier" => 16,
            "decimal" or "numeric" => int.Parse(size.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture) switch
            {
                <= 9 => 5,
                <= 19 => 9,
                <= 28 => 13,
                _ => 17,
            },
            _ => throw new InvalidOperationException($"Add the key size of SQL Server type {storeType} to this test."),
        };
    }

    [GeneratedRegex(@"^(?<type>\w+)(?:\((?<size>[^)]*)\))?$")]
    private static partial Regex SizedType();

    /// <summary>A model that SQLite takes and SQL Server refuses, for the test of the checks.</summary>
    private sealed class BrokenContext : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) => options.UseSqlServer(SqlServerModel.ConnectionString);

        protected override void OnModelCreating(ModelBuilder builder)
        {
            builder.Entity<Region>().HasKey(r => r.Code);
            builder.Entity<Region>().Property(r => r.Code).HasMaxLength(500);
            builder.Entity<Site>().HasOne<Region>().WithMany().HasForeignKey(s => s.RegionCode).OnDelete(DeleteBehavior.Cascade);
            builder.Entity<Site>().HasOne<Area>().WithMany().HasForeignKey(s => s.AreaId).OnDelete(DeleteBehavior.Cascade);
            builder.Entity<Area>().HasOne<Region>().WithMany().HasForeignKey(a => a.RegionCode).OnDelete(DeleteBehavior.Cascade);
            builder.Entity<Site>().Property(s => s.Description).HasColumnType("nvarchar(max)"); // EF alone would make it nvarchar(450)
            builder.Entity<Site>().HasIndex(s => s.Description);
            builder.Entity<Site>().Property(s => s.Name).HasMaxLength(600);
            builder.Entity<Site>().Property(s => s.Code).HasMaxLength(400);
            builder.Entity<Site>().HasIndex(s => new { s.Name, s.Code });
            builder.Entity<Node>().HasOne<Node>().WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Cascade);
        }

        private sealed class Region
        {
            public string Code { get; set; } = "";
        }

        private sealed class Area
        {
            public int Id { get; set; }

            public string RegionCode { get; set; } = "";
        }

        private sealed class Site
        {
            public int Id { get; set; }

            public string RegionCode { get; set; } = "";

            public int AreaId { get; set; }

            public string Description { get; set; } = "";

            public string Name { get; set; } = "";

            public string Code { get; set; } = "";
        }

        private sealed class Node
        {
            public int Id { get; set; }

            public int? ParentId { get; set; }
        }
    }
}
