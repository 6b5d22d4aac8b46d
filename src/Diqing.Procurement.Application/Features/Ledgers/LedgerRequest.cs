using Diqing.Procurement.Application.Features.Audit;
using Diqing.Procurement.Application.Features.Contracts;
using Diqing.Procurement.Application.Features.Funding;
using Diqing.Procurement.Domain.Agencies;

namespace Diqing.Procurement.Application.Features.Ledgers;

/// <summary>The six ledgers (台账) of issue 7.</summary>
public enum LedgerKind
{
    Contracts,
    Funds,
    Disbursements,
    Progress,
    CompetitionScores,
    AuditLog,
}

/// <summary>Which writer renders the workbook. <see cref="Automatic"/> picks by row count (ADR 0009).</summary>
public enum LedgerWriterKind
{
    Automatic,

    /// <summary>ClosedXML: the whole workbook in memory; used up to <see cref="ExportLedgerHandler.StreamingThreshold"/> rows.</summary>
    ClosedXml,

    /// <summary>The sheet XML written straight into a zip entry as rows arrive: constant memory at any size (ADR 0009).</summary>
    Streaming,
}

/// <summary>A ledger download with the filters of the page it is downloaded from.</summary>
public sealed record LedgerRequest(LedgerKind Kind)
{
    /// <summary>Contract list filters; paging is ignored (every matching row is exported).</summary>
    public ListContractsQuery? Contracts { get; init; }

    /// <summary>Funding page filters, for the fund and disbursement ledgers (year, kind and search apply to the funding source).</summary>
    public ListFundingSourcesQuery? Funding { get; init; }

    /// <summary>Disbursement or progress ledger of one contract.</summary>
    public int? ContractId { get; init; }

    /// <summary>Progress ledger filter.</summary>
    public int? AgencyId { get; init; }

    /// <summary>Progress ledger filter.</summary>
    public County? County { get; init; }

    /// <summary>Required for <see cref="LedgerKind.CompetitionScores"/>.</summary>
    public int? CompetitionId { get; init; }

    public AuditLogFilter? Audit { get; init; }

    /// <summary>"zh-CN" (default) or "en-US": language of titles, headers and labels.</summary>
    public string Culture { get; init; } = "zh-CN";

    /// <summary>Normally automatic; tests and benchmarks force one writer.</summary>
    public LedgerWriterKind Writer { get; init; }
}

/// <summary>Rows written so far; <see cref="TotalRows"/> is known after the count query.</summary>
public sealed record LedgerProgress(int RowsWritten, int? TotalRows);

/// <summary>The written file: its download name (ledger name and China date) and number of data rows.</summary>
public sealed record LedgerFile(string FileName, int RowCount)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
