namespace OrleansGossip.Abstractions.Registry;

/// <summary>A registry mutation was refused; the registry is as it was before the call.</summary>
[GenerateSerializer]
public sealed class RegistryException : Exception
{
    public RegistryException()
    {
    }

    public RegistryException(string message)
        : base(message)
    {
    }

    public RegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
