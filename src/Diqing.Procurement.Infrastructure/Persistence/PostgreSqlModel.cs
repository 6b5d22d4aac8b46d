using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Infrastructure.Persistence;

/// <summary>
/// What the model needs only on PostgreSQL. PostgreSQL folds unquoted names to lower case, while our
/// tables and columns keep their PascalCase names (quoted in the SQL EF writes). Check constraints
/// are written once, in the plain form SQLite and SQL Server read (<c>Amount &gt; 0</c>); here their
/// column names are quoted for PostgreSQL (<c>"Amount" &gt; 0</c>).
/// </summary>
internal static class PostgreSqlModel
{
    public static void QuoteCheckConstraintColumns(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).Distinct().OrderByDescending(c => c.Length).ToList();
            if (columns.Count == 0)
            {
                continue;
            }

            var bareColumn = new Regex($@"(?<![""\w]){string.Join('|', columns.Select(c => "(?:" + Regex.Escape(c) + ")"))}(?![""\w])");
            foreach (var check in entity.GetCheckConstraints().ToList())
            {
                entity.RemoveCheckConstraint(check.ModelName);
                entity.AddCheckConstraint(check.ModelName, bareColumn.Replace(check.Sql, m => $"\"{m.Value}\""));
            }
        }
    }
}
