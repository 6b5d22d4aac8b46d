using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Common;

namespace Diqing.Procurement.TestSupport;

public static class Operation
{
    /// <summary>Whether the operation went through, or was refused as the app refuses (a rule, a role, an unknown id).</summary>
    public static async Task<bool> Succeeds(Func<Task> operation)
    {
        try
        {
            await operation();
            return true;
        }
        catch (Exception ex) when (ex is DomainException or ForbiddenAccessException or NotFoundException)
        {
            return false;
        }
    }
}
