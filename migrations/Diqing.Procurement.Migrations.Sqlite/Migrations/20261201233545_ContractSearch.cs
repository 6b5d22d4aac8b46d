using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// No model change: the contract list's text search index and its amount order (docs/performance.md).
    /// <c>ContractSearch</c> is an FTS5 trigram index over the titles and numbers, with its text in <c>Contracts</c>
    /// (external content) and kept by triggers, so every writer keeps it, the app or not. Case-sensitive like
    /// <c>string.Contains</c>, so the indexed search finds exactly what a scan would. An EF migration that rebuilds
    /// <c>Contracts</c> (SQLite cannot alter most columns) drops these triggers: <c>ContractSearchIndexTests</c> then
    /// fails, and that migration must re-create them with <see cref="CreateTriggers"/> and rebuild the index.
    /// </summary>
    public partial class ContractSearch : Migration
    {
        /// <summary>The triggers that keep <c>ContractSearch</c> in step with <c>Contracts</c>.</summary>
        public static void CreateTriggers(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER Contracts_Search_Insert AFTER INSERT ON Contracts BEGIN
                    INSERT INTO ContractSearch (rowid, Title, Number) VALUES (new.Id, new.Title, new.Number);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Contracts_Search_Delete AFTER DELETE ON Contracts BEGIN
                    INSERT INTO ContractSearch (ContractSearch, rowid, Title, Number) VALUES ('delete', old.Id, old.Title, old.Number);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Contracts_Search_Update AFTER UPDATE OF Title, Number ON Contracts BEGIN
                    INSERT INTO ContractSearch (ContractSearch, rowid, Title, Number) VALUES ('delete', old.Id, old.Title, old.Number);
                    INSERT INTO ContractSearch (rowid, Title, Number) VALUES (new.Id, new.Title, new.Number);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE ContractSearch USING fts5(Title, Number, content='Contracts', content_rowid='Id', tokenize='trigram case_sensitive 1');");
            CreateTriggers(migrationBuilder);
            migrationBuilder.Sql("INSERT INTO ContractSearch (ContractSearch) VALUES ('rebuild');");

            // EF orders SQLite's text decimals through its own collation, which no index serves; the list orders by
            // the REAL value instead (ListContractsHandler), and this index is that order, ties by rowid (= Id).
            migrationBuilder.Sql("CREATE INDEX IX_Contracts_AmountReal ON Contracts (CAST(Amount AS REAL));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS IX_Contracts_AmountReal;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Contracts_Search_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Contracts_Search_Delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Contracts_Search_Insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ContractSearch;");
        }
    }
}
