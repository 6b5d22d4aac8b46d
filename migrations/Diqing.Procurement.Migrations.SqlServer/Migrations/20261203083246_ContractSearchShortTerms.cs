using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.SqlServer.Migrations
{
    /// <summary>
    /// No change on SQL Server. The SQLite and PostgreSQL migrations of this name index the contract list's text search;
    /// here the search compares in the rows (bounded by the count limit and the page). docs/performance.md gives the
    /// side table of grams that would make it an index seek on SQL Server, should a deployment outgrow the scan.
    /// </summary>
    public partial class ContractSearchShortTerms : Migration
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
