using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.SqlServer.Migrations
{
    /// <summary>
    /// No change on SQL Server. SQLite's migration of this name adds the contract list's trigram search index; SQL
    /// Server's full-text search matches words and prefixes, not the inner substrings the list searches, so here the
    /// search compares in the rows (bounded by the count limit and the page). docs/performance.md describes the
    /// trigram side table that would make it an index seek, should a deployment outgrow that.
    /// </summary>
    public partial class ContractSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
