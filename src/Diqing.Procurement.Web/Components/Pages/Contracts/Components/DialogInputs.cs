namespace Diqing.Procurement.Web.Components.Pages.Contracts.Components;

/// <summary>What the evaluation dialog collects (the evaluator is the signed-in user).</summary>
public sealed record EvaluationInput(decimal Score, DateOnly EvaluatedOn, string? Comments);

/// <summary>What the allocation dialog collects; the reason is needed once the contract is signed.</summary>
public sealed record AllocationInput(int FundingSourceId, decimal Amount, string? Reason, string? FiscalYearReason = null);

/// <summary>What the payment dialog collects for one installment.</summary>
public sealed record PaymentInput(string VoucherNumber, DateOnly PaidOn, decimal Amount);
