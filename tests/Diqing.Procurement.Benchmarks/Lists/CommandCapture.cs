using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Diqing.Procurement.Benchmarks.Lists;

/// <summary>
/// Collects the SQL statements (with their parameter values) that EF Core executes, through its diagnostic
/// events, so the benchmark can print SQLite's plan for each.
/// </summary>
internal sealed class CommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];

    public CommandCapture() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public List<(string Sql, (string Name, object? Value)[] Parameters)> Commands { get; } = [];

    public void Clear()
    {
        lock (Commands)
        {
            Commands.Clear();
        }
    }

    /// <param name="connection">An open connection of EF's (it has EF's functions and collations, e.g. ef_sum, EF_DECIMAL).</param>
    public static async Task<string> ExplainAsync(System.Data.Common.DbConnection connection, (string Sql, (string Name, object? Value)[] Parameters) command)
    {
        await using var explain = (SqliteCommand)connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
        foreach (var (name, value) in command.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var lines = new List<string> { command.Sql.ReplaceLineEndings(" ") };
        try
        {
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add("   plan: " + reader.GetString(3));
            }
        }
        catch (SqliteException e)
        {
            lines.Add("   plan not available: " + e.Message);
        }

        return string.Join(Environment.NewLine, lines);
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            _listeners.Add(value.Subscribe(this));
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data)
        {
            var parameters = data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToArray();
            lock (Commands)
            {
                Commands.Add((data.Command.CommandText, parameters));
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _listeners.ForEach(l => l.Dispose());
    }
}
