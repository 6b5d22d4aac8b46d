using Diqing.Procurement.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Diqing.Procurement.Infrastructure.Tests.Persistence;

/// <summary>
/// SQL Server, the production provider, cannot run on these machines: its migrations are checked by
/// parsing the idempotent script a DBA would apply (README) with Microsoft's own T-SQL parser.
/// </summary>
public sealed class SqlServerScriptTests
{
    private static string IdempotentScript()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddProcurementInfrastructure(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = SqlServerModel.ConnectionString }, Path.GetTempPath(), Diqing.Procurement.TestSupport.TestApp.AuditOptions(Path.GetTempPath()))
            .BuildServiceProvider();
        using var db = services.CreateScope().ServiceProvider.GetRequiredService<IDbContextFactory<ProcurementDbContext>>().CreateDbContext();
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    private static (TSqlScript Script, IList<ParseError> Errors) Parse(string sql)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return ((TSqlScript)fragment, errors);
    }

    private static string Describe(IEnumerable<ParseError> errors) =>
        string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"));

    [Fact]
    public void The_idempotent_script_parses_without_errors_and_every_migration_in_it_is_guarded()
    {
        var sql = IdempotentScript();

        var (script, errors) = Parse(sql);

        Assert.True(errors.Count == 0, Describe(errors));
        Assert.NotEmpty(script.Batches);
        foreach (var migration in new[] { "Initial", "ContractAttachments", "SharedInstances" })
        {
            Assert.Matches($@"IF NOT EXISTS\s*\(\s*SELECT \* FROM \[__EFMigrationsHistory\]\s*WHERE \[MigrationId\] = N'\d+_{migration}'", sql);
        }
    }

    [Fact]
    public void The_audit_triggers_are_in_the_script_and_their_own_sql_parses()
    {
        var (script, _) = Parse(IdempotentScript());

        // An idempotent script runs CREATE TRIGGER through EXEC(N'...') (it must start a batch of its own): parse that text too.
        var dynamicSql = new DynamicSqlCollector();
        script.Accept(dynamicSql);
        var triggers = new List<string>();
        foreach (var text in dynamicSql.Texts)
        {
            var (inner, errors) = Parse(text);
            Assert.True(errors.Count == 0, $"{text}{Environment.NewLine}{Describe(errors)}");
            triggers.AddRange(inner.Batches.SelectMany(b => b.Statements).OfType<CreateTriggerStatement>()
                .Where(t => t.TriggerObject.Name.BaseIdentifier.Value == "AuditEntries"
                    && t.TriggerType == TriggerType.InsteadOf
                    && t.StatementList.Statements.OfType<BeginEndBlockStatement>().SelectMany(b => b.StatementList.Statements).OfType<ThrowStatement>().Any())
                .Select(t => $"{t.Name.BaseIdentifier.Value}:{string.Join(",", t.TriggerActions.Select(a => a.TriggerActionType))}"));
        }

        Assert.Equal(["AuditEntries_NoDelete:Delete", "AuditEntries_NoUpdate:Update"], triggers.Order());
    }

    private sealed class DynamicSqlCollector : TSqlFragmentVisitor
    {
        public List<string> Texts { get; } = [];

        // Only text written out whole: EF also builds statements from variables (a default constraint's name), which cannot be parsed alone.
        public override void Visit(ExecutableStringList node)
        {
            if (node.Strings.All(s => s is StringLiteral))
            {
                Texts.Add(string.Concat(node.Strings.Cast<StringLiteral>().Select(s => s.Value)));
            }
        }
    }
}
