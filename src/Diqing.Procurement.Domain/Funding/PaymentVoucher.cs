using System.Text;

namespace Diqing.Procurement.Domain.Funding;

/// <summary>
/// The register of accounting vouchers (凭证) used for payments: one row per payment, whatever number of
/// allocations it is split across. Its normalised number is unique, in the domain and by a unique index.
/// </summary>
public class PaymentVoucher
{
    private PaymentVoucher()
    {
        Number = string.Empty;
        NormalizedNumber = string.Empty;
    }

    public PaymentVoucher(string number, int contractId, int installmentId, DateOnly paidOn, DateTime recordedAtUtc)
    {
        Number = number.Trim();
        NormalizedNumber = Normalize(number);
        if (NormalizedNumber.Length == 0)
        {
            throw new Common.DomainException("Funding.VoucherRequired");
        }

        ContractId = contractId;
        InstallmentId = installmentId;
        PaidOn = paidOn;
        RecordedAtUtc = recordedAtUtc;
    }

    public const int MaxLength = 50;

    public int Id { get; private set; }

    /// <summary>As typed (trimmed), e.g. 迪民记〔2026〕0012号.</summary>
    public string Number { get; private set; }

    /// <summary>Compared form: Unicode NFKC (full-width and half-width digits and letters alike), trimmed.</summary>
    public string NormalizedNumber { get; private set; }

    public int ContractId { get; private set; }

    public int InstallmentId { get; private set; }

    public DateOnly PaidOn { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }

    /// <summary>R-27: the form in which two voucher numbers are the same number.</summary>
    public static string Normalize(string? number) => (number ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim();
}
