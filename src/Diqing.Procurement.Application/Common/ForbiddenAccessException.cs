namespace Diqing.Procurement.Application.Common;

/// <summary>The current user's role does not allow this. Pages show "forbidden", HTTP returns 403.</summary>
public sealed class ForbiddenAccessException() : Exception("Access denied.");

/// <summary>The thing does not exist, or the user may not know that it exists .</summary>
public sealed class NotFoundException(string what, object key) : Exception($"{what} {key} was not found.");
