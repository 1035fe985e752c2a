namespace GovPlatform.Petitions.Models;

/// <summary>A department a petition can be transferred to or co-handled by (职能部门).</summary>
internal sealed class PetitionDepartment
{
    public long Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string EnglishName { get; set; } = "";

    public bool Active { get; set; } = true;
}
