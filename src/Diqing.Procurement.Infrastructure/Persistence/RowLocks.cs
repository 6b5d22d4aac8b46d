using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Infrastructure.Persistence;

/// <summary>
/// Pessimistic row locks for the few rows that every writer of a kind must take in turn (the audit
/// chain head, a year's contract numbers), held until the current transaction ends. Several app
/// instances on one server database then queue at the row instead of failing on its concurrency
/// token. The lock is a lock only (<c>FOR UPDATE</c>, <c>UPDLOCK</c>), not a write: on PostgreSQL an
/// update would make other writers wait on the row's key while they hold another lock, a deadlock.
/// SQLite needs none: its transactions begin IMMEDIATE, so writers already take turns.
/// </summary>
public static class RowLocks
{
    /// <summary>Locks the row of <typeparamref name="TEntity"/> whose (single-column) primary key is <paramref name="key"/>; a missing row locks nothing.</summary>
    public static Task LockForUpdateAsync<TEntity>(this DbContext db, object key, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A row lock lasts for a transaction: begin one first.");
        }

        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = entity.GetTableName();
        var column = entity.FindPrimaryKey()!.Properties.Single().GetColumnName();
        string? sql = db.Database.ProviderName switch
        {
            "Npgsql.EntityFrameworkCore.PostgreSQL" => $"SELECT 1 FROM \"{table}\" WHERE \"{column}\" = {{0}} FOR UPDATE",
            "Microsoft.EntityFrameworkCore.SqlServer" => $"SELECT 1 FROM [{table}] WITH (UPDLOCK, HOLDLOCK, ROWLOCK) WHERE [{column}] = {{0}}",
            _ => null,
        };
        return sql is null ? Task.CompletedTask : db.Database.ExecuteSqlRawAsync(sql, [key], cancellationToken);
    }
}
