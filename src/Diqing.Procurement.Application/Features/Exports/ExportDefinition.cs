using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Features.Exports;

/// <summary>
/// One kind of export: builds its document from its request. Definitions live in their feature's folder
/// (e.g. <c>Features/Contracts/ContractLedger.cs</c>) and are found by type at start-up
/// (<see cref="ExportRegistration.AddExports"/>): adding a kind edits no central list. Authorisation,
/// the format, progress, the audit event and the download are <see cref="WriteExportHandler"/>'s.
/// </summary>
public abstract class ExportDefinition
{
    public abstract string Kind { get; }

    public abstract string Readers { get; }

    public abstract Type RequestType { get; }

    public abstract Task<ExportDocument> BuildAsync(ExportContext context, ExportRequest request, CancellationToken cancellationToken);
}

/// <inheritdoc />
public abstract class ExportDefinition<TRequest> : ExportDefinition
    where TRequest : ExportRequest, IExportKind
{
    public sealed override string Kind => TRequest.Kind;

    public sealed override string Readers => TRequest.Readers;

    public sealed override Type RequestType => typeof(TRequest);

    public sealed override Task<ExportDocument> BuildAsync(ExportContext context, ExportRequest request, CancellationToken cancellationToken) =>
        BuildAsync(context, (TRequest)request, cancellationToken);

    /// <summary>Called after the roles are checked; scopes its rows to the user (e.g. <see cref="ExportContext.AgencyOnly"/>).</summary>
    protected abstract Task<ExportDocument> BuildAsync(ExportContext context, TRequest request, CancellationToken cancellationToken);
}

public static class ExportRegistration
{
    /// <summary>Every export definition and format of an assembly, found by base type (not by name).</summary>
    public static IServiceCollection AddExports(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && !t.ContainsGenericParameters))
        {
            if (typeof(ExportDefinition).IsAssignableFrom(type))
            {
                services.AddScoped(typeof(ExportDefinition), type);
            }
            else if (typeof(IExportFormat).IsAssignableFrom(type))
            {
                services.AddSingleton(typeof(IExportFormat), type);
            }
        }

        return services;
    }
}
