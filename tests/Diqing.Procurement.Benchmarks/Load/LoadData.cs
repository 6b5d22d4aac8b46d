using System.Globalization;
using Diqing.Procurement.Infrastructure.Auditing;
using Microsoft.Data.Sqlite;

namespace Diqing.Procurement.Benchmarks.Load;

/// <summary>
/// The benchmark's database: the demo (made by the app itself on an empty folder, so it is exactly what a
/// user gets), plus generated agencies, contracts (with allocations from four large generated funds) and a
/// correctly chained audit log, inserted in bulk. Built once per size under <c>/tmp/diqing-load-bench/</c>
/// and copied for every run, so runs never see each other's changes.
/// </summary>
internal static class LoadData
{
    private static readonly string[] Places = ["香格里拉", "建塘", "小中甸", "虎跳峡", "德钦", "升平", "奔子栏", "燕门", "维西", "保和", "叶枝", "塔城", "永春", "攀天阁"];
    private static readonly string[] Services =
    [
        "独居老人关爱服务", "困境儿童社会工作服务", "精神障碍社区康复服务", "社会救助对象需求评估", "残疾人居家照护服务",
        "乡镇社工站运营", "特困人员全面摸底评估", "家庭经济状况调查评估", "留守儿童心理疏导", "低保对象建档访视",
        "养老机构社会工作服务", "临时救助资源链接", "社区融入与能力提升", "骨病救助对接服务", "重度残疾人托养服务",
    ];

    private static readonly string[] Suffixes = ["项目", "项目（一期）", "项目（二期）", "试点项目", "服务项目", "延续项目"];
    private static readonly string[] Counties = ["ShangriLa", "Deqin", "Weixi"];
    private static readonly string[] Methods =
        ["PublicTender", "InvitationalTender", "CompetitiveNegotiation", "CompetitiveConsultation", "SingleSource", "RequestForQuotation", "FrameworkAgreement", "DirectCommission"];

    private static readonly string[] Categories =
        ["EconomicAssessment", "CaseFilesAndVisits", "NeedsAnalysis", "PsychologicalSupport", "ResourceLinking", "CapacityBuilding", "SocialIntegration", "CommunityRehabilitation", "ComprehensiveSocialWork"];

    private static readonly (string Status, int Weight)[] Statuses = [("Closed", 50), ("Accepted", 15), ("InProgress", 15), ("Signed", 8), ("Draft", 8), ("Terminated", 2), ("Suspended", 2)];
    private static readonly string[] Kinds = ["WelfareLottery", "Fiscal", "ExternalGrant", "Donation"];

    /// <summary>Ten contract titles carry this word, so a search for a rare term has something to find.</summary>
    public const string RareWord = "雪域彩虹";

    public static async Task<string> EnsureTemplateAsync(int contracts, int auditEntries, int port)
    {
        var folder = Path.Combine(Path.GetTempPath(), "diqing-load-bench", $"c{contracts}-a{auditEntries}");
        var database = Path.Combine(folder, "diqing.db");
        if (File.Exists(Path.Combine(folder, "complete")))
        {
            return folder;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine($"Generating the benchmark database in {folder}: demo data, {contracts:N0} contracts, {auditEntries:N0} audit entries…");
        await using (await AppProcess.StartAsync(folder, port))
        {
            // The app migrated the empty folder and filled the demo; stopping it closes the file.
        }

        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            await connection.OpenAsync();
            await InsertContractsAsync(connection, contracts);
        }

        SqliteConnection.ClearAllPools();
        var existing = await ScalarAsync(database, "SELECT COUNT(*) FROM AuditEntries");
        // Sealed with the demo key the app created beside the data folder, so the filled chain verifies in the app.
        var seal = AuditKeyRing.Load(new AuditOptions().WithDemoDefaults(folder), folder);
        await AuditLogBenchmarks.FillAsync(database, seal, Math.Max(0, auditEntries - (int)existing));
        SqliteConnection.ClearAllPools();
        await File.WriteAllTextAsync(Path.Combine(folder, "complete"), DateTime.UtcNow.ToString("O"));
        return folder;
    }

    /// <summary>A fresh copy of the template for one run.</summary>
    public static string CopyForRun(string template, string name)
    {
        var run = Path.Combine(Path.GetDirectoryName(template)!, "runs", name);
        if (Directory.Exists(run))
        {
            Directory.Delete(run, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(template, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(run, Path.GetRelativePath(template, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return run;
    }

    public static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task InsertContractsAsync(SqliteConnection connection, int count)
    {
        var random = new Random(18);
        await using var transaction = connection.BeginTransaction();

        // 200 agencies and four large funds (one per kind), so allocations keep R-05.
        var agencyIds = new List<long>();
        for (var i = 1; i <= 200; i++)
        {
            var id = await InsertAsync(connection, transaction,
                "INSERT INTO Agencies (Name, UnifiedSocialCreditCode, County, Status, RegistrationAuthority) VALUES ($n, $u, $c, 'Active', '迪庆州民政局（生成）') RETURNING Id",
                ("$n", $"{Places[i % Places.Length]}{Services[i % Services.Length][..2]}社会工作服务中心（生成{i:D3}）"),
                ("$u", $"525334{i:D11}X"), ("$c", Counties[i % Counties.Length]));
            agencyIds.Add(id);
        }

        var fundIds = new List<long>();
        foreach (var kind in Kinds)
        {
            fundIds.Add(await InsertAsync(connection, transaction,
                "INSERT INTO FundingSources (Amount, DocumentNumber, FiscalLevel, FiscalYear, Kind, Name, Notes, Version) VALUES ('1000000000000', $d, $l, 2020, $k, $n, '生成数据', 1) RETURNING Id",
                ("$d", $"生成〔2020〕{kind}号"), ("$l", kind == "Fiscal" ? "County" : null), ("$k", kind), ("$n", $"生成资金（{kind}）")));
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Contracts (Number, Year, SequenceNumber, Title, PurchasingUnit, AgencyId, Method, Category, County, Townships, Amount,
                SignedOn, StartOn, EndOn, Description, Status, CreatedAtUtc, Version, Indicators, TargetGroups)
            VALUES ($number, $year, $seq, $title, '迪庆州民政局', $agency, $method, $category, $county, $townships, $amount,
                $signed, $start, $end, '生成数据', $status, $created, 1, '[]', 'Elderly')
            RETURNING Id
            """;
        var p = new[] { "$number", "$year", "$seq", "$title", "$agency", "$method", "$category", "$county", "$townships", "$amount", "$signed", "$start", "$end", "$status", "$created" }
            .ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
        await using var allocate = connection.CreateCommand();
        allocate.Transaction = transaction;
        allocate.CommandText = "INSERT INTO Allocations (Amount, ContractId, FundingSourceId) VALUES ($amount, $contract, $fund)";
        var a = new[] { "$amount", "$contract", "$fund" }.ToDictionary(n => n, n => allocate.Parameters.Add(new SqliteParameter { ParameterName = n }));

        // Years 2015-2025 (the demo's contracts are 2026), sequence numbers per year as the app gives them.
        const int firstYear = 2015;
        const int years = 11;
        var perYear = (count + years - 1) / years;
        var weights = Statuses.Sum(s => s.Weight);
        // The demo has contracts of its own in some of these years (2025): the generated ones are numbered after them.
        var taken = new Dictionary<int, long>();
        for (var year = firstYear; year < firstYear + years; year++)
        {
            taken[year] = await InsertAsync(connection, transaction, "SELECT COALESCE(MAX(SequenceNumber), 0) FROM Contracts WHERE Year = $y", ("$y", year));
        }

        for (var n = 0; n < count; n++)
        {
            var year = firstYear + n / perYear;
            var sequence = n % perYear + 1 + taken[year];
            var start = new DateOnly(year, 1 + random.Next(12), 1);
            var roll = random.Next(weights);
            var status = Statuses.First(s => (roll -= s.Weight) < 0).Status;
            var title = n % (count / 10 + 1) == 7
                ? $"{Places[random.Next(Places.Length)]}{RareWord}儿童关爱项目"
                : $"{Places[random.Next(Places.Length)]}{Services[random.Next(Services.Length)]}{Suffixes[random.Next(Suffixes.Length)]}";
            var amount = random.Next(20_000, 2_000_000);
            p["$number"].Value = $"DQMZ-{year}-{sequence:D4}";
            p["$year"].Value = year;
            p["$seq"].Value = sequence;
            p["$title"].Value = title;
            p["$agency"].Value = agencyIds[random.Next(agencyIds.Count)];
            p["$method"].Value = Methods[random.Next(Methods.Length)];
            p["$category"].Value = Categories[random.Next(Categories.Length)];
            p["$county"].Value = Counties[random.Next(Counties.Length)];
            p["$townships"].Value = Places[random.Next(Places.Length)] + "镇";
            p["$amount"].Value = amount.ToString(CultureInfo.InvariantCulture) + ".0";
            p["$signed"].Value = status == "Draft" ? DBNull.Value : start.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p["$start"].Value = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p["$end"].Value = start.AddYears(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p["$status"].Value = status;
            p["$created"].Value = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(n % perYear * 50).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            var contractId = Convert.ToInt64(await insert.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            if (status != "Draft" && random.Next(2) == 0)
            {
                a["$amount"].Value = amount.ToString(CultureInfo.InvariantCulture) + ".0";
                a["$contract"].Value = contractId;
                a["$fund"].Value = fundIds[random.Next(fundIds.Count)];
                await allocate.ExecuteNonQueryAsync();
            }
        }

        for (var year = firstYear; year < firstYear + years; year++)
        {
            await InsertAsync(connection, transaction,
                "INSERT OR REPLACE INTO ContractNumberSequences (Year, Last) VALUES ($y, (SELECT COALESCE(MAX(SequenceNumber), 0) FROM Contracts WHERE Year = $y)) RETURNING Year",
                ("$y", year));
        }

        await transaction.CommitAsync();
    }

    private static async Task<long> InsertAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
