namespace Agensium.Analysis.Master;

/// <summary>An agent that cannot run on its input (e.g. contract-enforcer without a contract); fails only that agent.</summary>
public sealed class MasterAgentException(string errorCode, string message) : Exception(message)
{
    /// <summary>The agent error code, e.g. CONTRACT_MISSING.</summary>
    public string ErrorCode { get; } = errorCode;
}
