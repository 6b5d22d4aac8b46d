using System.Reflection;
using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Exports;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Diqing.Procurement.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers every validator and every feature service of this assembly: the public classes named
    /// <c>…Handler</c> (one request each) or <c>…Transitions</c> (an aggregate's state changes). View records never
    /// match, whatever their name: a record is data, not a service.
    /// </summary>
    public static IServiceCollection AddProcurementApplication(this IServiceCollection services)
    {
        var assembly = typeof(DependencyInjection).Assembly;
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<OperationScopeFactory>();
        services.AddScoped<Features.Notifications.DeadlineNotices>();
        services.AddExports(assembly);
        services.AddScoped<Features.Audit.AuditCheckpoints>();
        services.TryAddSingleton(new Features.OpenData.OcdsOptions()); // the web host registers the configured one
        services.AddSingleton(sp => new Features.Account.SignInAttempts(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        foreach (var type in FeatureServices(assembly))
        {
            services.AddScoped(type);
        }

        return services;
    }

    public static IEnumerable<Type> FeatureServices(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
            && !IsRecord(t)
            && (t.Name.EndsWith("Handler", StringComparison.Ordinal) || t.Name.EndsWith("Transitions", StringComparison.Ordinal)));

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;
}
