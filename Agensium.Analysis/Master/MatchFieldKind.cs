namespace Agensium.Analysis.Master;

/// <summary>How a match-key column is normalised, compared and weighted in entity resolution.</summary>
public enum MatchFieldKind
{
    /// <summary>Any other column: Indel ratio, default weight 10.</summary>
    Other,

    /// <summary>E-mail: Indel ratio, default weight 40.</summary>
    Email,

    /// <summary>Phone: digits only, Indel ratio, default weight 30.</summary>
    Phone,

    /// <summary>First name: Jaro-Winkler + phonetic, default weight 25.</summary>
    FirstName,

    /// <summary>Last name: Jaro-Winkler + phonetic, default weight 35.</summary>
    LastName,

    /// <summary>Full name: Jaro-Winkler + phonetic, default weight 10.</summary>
    FullName,

    /// <summary>Street address: street words removed, token-sort ratio, default weight 10.</summary>
    Address,

    /// <summary>Zip / postal code: exact, default weight 10.</summary>
    Zip,

    /// <summary>City or location: Indel ratio, default weight 10.</summary>
    City,

    /// <summary>
    /// The name of an organisation (vendor_name, company_name, supplier) in a file without person names: legal forms
    /// written one way (Incorporated = Inc, L.L.C. = LLC), "the" and "and" left out, token-sort ratio, default weight 35.
    /// </summary>
    Organization,

    /// <summary>Date of birth: read in common date formats, day and month unordered (see <see cref="BirthDates"/>), exact, default weight 30.</summary>
    BirthDate,

    /// <summary>
    /// A global identifier of the entity (GTIN, VAT number, DUNS, … see <see cref="EntityIdentifiers"/>): compared as
    /// <see cref="EntityIdentifiers.Comparable"/> writes it (04012345678901 = 4012345678901, DE 123 456 789 =
    /// DE123456789), exact, default weight 40; a masked or placeholder value is blank.
    /// </summary>
    Identifier,
}
