using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.Domain.Contracts;

/// <summary>R-17: the bureau's performance evaluation (绩效评价) of a completed contract.</summary>
public sealed class PerformanceEvaluation
{
    private PerformanceEvaluation()
    {
        Evaluator = string.Empty;
    }

    public PerformanceEvaluation(decimal score, string evaluator, DateOnly evaluatedOn, string? comments)
    {
        if (score < 0m || score > 100m || decimal.Round(score, 1) != score)
        {
            throw new DomainException("Evaluation.ScoreInvalid");
        }

        if (string.IsNullOrWhiteSpace(evaluator))
        {
            throw new DomainException("Evaluation.EvaluatorRequired");
        }

        Score = score;
        Evaluator = evaluator.Trim();
        EvaluatedOn = evaluatedOn;
        Comments = string.IsNullOrWhiteSpace(comments) ? null : comments.Trim();
    }

    public decimal Score { get; private set; }

    public EvaluationGrade Grade => GradeOf(Score);

    public string Evaluator { get; private set; }

    public DateOnly EvaluatedOn { get; private set; }

    public string? Comments { get; private set; }

    /// <summary>≥ 90 excellent 优秀, 80–89 good 良好, 60–79 pass 合格, below 60 fail 不合格.</summary>
    public static EvaluationGrade GradeOf(decimal score) => score switch
    {
        >= 90m => EvaluationGrade.Excellent,
        >= 80m => EvaluationGrade.Good,
        >= 60m => EvaluationGrade.Pass,
        _ => EvaluationGrade.Fail,
    };
}
