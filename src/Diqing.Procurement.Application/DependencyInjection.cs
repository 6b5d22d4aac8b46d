using Diqing.Procurement.Application.Common;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application;

public static class DependencyInjection
{
    /// <summary>Registers every feature handler (classes named *Handler or *Actions) and validator of this assembly.</summary>
    public static IServiceCollection AddProcurementApplication(this IServiceCollection services)
    {
        var assembly = typeof(DependencyInjection).Assembly;
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<OperationScopeFactory>();
        services.AddScoped<Features.Notifications.DeadlineNotices>();
        services.AddScoped<Features.Audit.AuditCheckpoints>();
        services.AddSingleton(sp => new Features.Account.SignInAttempts(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
                     && (t.Name.EndsWith("Handler", StringComparison.Ordinal) || t.Name.EndsWith("Actions", StringComparison.Ordinal))))
        {
            services.AddScoped(type);
        }

        return services;
    }
}
