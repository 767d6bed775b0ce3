using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Matrix.Receipts;

/// <summary>Describes one parameter of a route to API explorers, which read parameters from this metadata.</summary>
internal sealed class RouteParameterBinding : IParameterBindingMetadata
{
    public RouteParameterBinding(ParameterInfo parameter)
    {
        ParameterInfo = parameter;
        Name = parameter.Name ?? string.Empty;
    }

    public string Name { get; }

    // Strings bind from the route without parsing.
    public bool HasTryParse => false;

    public bool HasBindAsync => false;

    public ParameterInfo ParameterInfo { get; }

    public bool IsOptional => false;
}
