using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Funding;

namespace Diqing.Procurement.Domain.Tests.Funding;

public class PaymentVoucherTests
{
    private const string Typed = "迪民记[2026]0012号";

    [Theory]
    [InlineData("迪民记[２０２６]００１２号")] // full-width digits
    [InlineData("迪民记［2026］0012号")] // full-width square brackets
    [InlineData("  迪民记[2026]0012号\t")] // spaces around
    [InlineData("\u3000迪民记[2026]0012号\u3000")] // ideographic spaces around
    [InlineData("迪民记[２０２６]００１２号\u3000")]
    public void R27_nfkc_equal_numbers_are_the_same_voucher(string other) =>
        Assert.Equal(PaymentVoucher.Normalize(Typed), PaymentVoucher.Normalize(other));

    [Theory]
    [InlineData("迪民记〔2026〕0012号")] // 〔〕 are not a compatibility form of [ ]: NFKC keeps them apart
    [InlineData("迪民记[2026]0013号")]
    [InlineData("迪民记[2026] 0012号")] // a space inside is part of the number
    public void R27_other_numbers_stay_different(string other) =>
        Assert.NotEqual(PaymentVoucher.Normalize(Typed), PaymentVoucher.Normalize(other));

    [Fact]
    public void R27_the_register_keeps_the_number_as_typed_and_compares_its_normal_form()
    {
        var voucher = new PaymentVoucher(" 迪民记〔２０２６〕００１２号 ", 1, 2, new DateOnly(2026, 3, 1), new DateTime(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc));

        Assert.Equal("迪民记〔２０２６〕００１２号", voucher.Number);
        Assert.Equal("迪民记〔2026〕0012号", voucher.NormalizedNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void R27_a_blank_number_is_refused(string number) =>
        Assert.Equal("Funding.VoucherRequired", Assert.Throws<DomainException>(() => new PaymentVoucher(number, 1, 2, default, default)).Code);
}
