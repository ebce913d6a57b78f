namespace Agensium.Scheduler.Data;

/// <summary>A row of the users table (minimal: the scheduler only needs to know the owner exists).</summary>
public sealed class User
{
    public long Id { get; set; }
    public string Email { get; set; } = "";
    public string? Name { get; set; }
    public DateTime CreatedAt { get; set; }
}
