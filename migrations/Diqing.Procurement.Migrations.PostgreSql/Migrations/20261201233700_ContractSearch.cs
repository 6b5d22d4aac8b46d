using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// No change on PostgreSQL. SQLite's migration of this name adds the contract list's trigram search index; here the
    /// search compares in the rows, bounded by the count limit and the page (docs/performance.md: pg_trgm would make it a seek).
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
