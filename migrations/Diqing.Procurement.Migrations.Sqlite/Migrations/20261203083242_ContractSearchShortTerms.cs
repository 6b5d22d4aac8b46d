using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// No model change: the contract list's search for terms of one or two characters (儿童, 童), which the trigram index
    /// of <see cref="ContractSearch"/> cannot answer. <c>ContractSearchGrams</c> holds every one- and two-character piece
    /// of each contract's title and number once (primary key gram + contract, no rowid), so a short term is an index
    /// seek of its own gram: exact and case-sensitive like <c>string.Contains</c> (SQLite counts characters as code
    /// points, as .NET's runes do). Triggers keep it, for every writer; <c>SearchPositions</c> (1…1,000, beyond the 200
    /// characters a title may have) lets them cut the text in SQL. A later migration that rebuilds <c>Contracts</c>
    /// drops the triggers: it must call <see cref="CreateTriggers"/> and <see cref="Fill"/> again (the search tests
    /// check that the triggers exist after all migrations).
    /// </summary>
    public partial class ContractSearchShortTerms : Migration
    {
        /// <summary>
        /// Every one- and two-character piece of <paramref name="text"/> (an SQL expression), as a SELECT of Gram. The
        /// positions are bounded by a range of their primary key (<c>p.N &lt;= …</c>, nothing of p on the right), so SQLite
        /// reads as many positions as the text has characters, not all 1,000.
        /// </summary>
        private static string GramsOf(string text) => $"""
            SELECT substr({text}, p.N, g.L) AS Gram FROM (SELECT 1 AS L UNION ALL SELECT 2 AS L) g, SearchPositions p
            WHERE p.N <= length({text}) - g.L + 1
            """;

        private static string Insert(string row) => $"""
            INSERT OR IGNORE INTO ContractSearchGrams (Gram, ContractId)
            SELECT Gram, {row}.Id FROM ({GramsOf(row + ".Title")} UNION {GramsOf(row + ".Number")});
            """;

        // The old text's own grams, each a seek of the primary key (no second index on ContractId to keep).
        private static string Delete(string row) => $"""
            DELETE FROM ContractSearchGrams WHERE ContractId = {row}.Id
                AND Gram IN ({GramsOf(row + ".Title")} UNION {GramsOf(row + ".Number")});
            """;

        /// <summary>The triggers that keep <c>ContractSearchGrams</c> in step with <c>Contracts</c>.</summary>
        public static void CreateTriggers(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"CREATE TRIGGER Contracts_Grams_Insert AFTER INSERT ON Contracts BEGIN {Insert("new")} END;");
            migrationBuilder.Sql($"CREATE TRIGGER Contracts_Grams_Delete AFTER DELETE ON Contracts BEGIN {Delete("old")} END;");
            migrationBuilder.Sql($"CREATE TRIGGER Contracts_Grams_Update AFTER UPDATE OF Title, Number ON Contracts BEGIN {Delete("old")} {Insert("new")} END;");
        }

        /// <summary>The grams of the contracts already there.</summary>
        public static void Fill(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
            INSERT OR IGNORE INTO ContractSearchGrams (Gram, ContractId)
            SELECT substr(t.Text, p.N, g.L), t.Id
            FROM (SELECT Id, Title AS Text FROM Contracts UNION ALL SELECT Id, Number FROM Contracts) t,
                 (SELECT 1 AS L UNION ALL SELECT 2 AS L) g, SearchPositions p
            WHERE p.N <= length(t.Text) - g.L + 1;
            """);

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TABLE SearchPositions (N INTEGER NOT NULL PRIMARY KEY);");
            migrationBuilder.Sql("""
                INSERT INTO SearchPositions (N)
                WITH RECURSIVE p(N) AS (SELECT 1 UNION ALL SELECT N + 1 FROM p WHERE N < 1000) SELECT N FROM p;
                """);
            migrationBuilder.Sql("""
                CREATE TABLE ContractSearchGrams (
                    Gram TEXT NOT NULL, ContractId INTEGER NOT NULL, PRIMARY KEY (Gram, ContractId)) WITHOUT ROWID;
                """);
            CreateTriggers(migrationBuilder);
            Fill(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Contracts_Grams_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Contracts_Grams_Delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Contracts_Grams_Insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ContractSearchGrams;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS SearchPositions;");
        }
    }
}
