using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// No model change: the contract list's text search on PostgreSQL. pg_trgm's GIN indexes on the titles and numbers
    /// answer <c>LIKE '%term%'</c> (ContractTextSearch writes the search so) for terms of three or more characters
    /// without a scan; shorter terms scan, bounded by the count limit and the page (docs/performance.md). pg_trgm is a
    /// trusted extension since PostgreSQL 13: a database owner may create it.
    /// </summary>
    public partial class ContractSearchShortTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""CREATE INDEX "IX_Contracts_Title_Trigrams" ON "Contracts" USING gin ("Title" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Contracts_Number_Trigrams" ON "Contracts" USING gin ("Number" gin_trgm_ops);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Contracts_Number_Trigrams";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Contracts_Title_Trigrams";""");
        }
    }
}
