namespace GovPlatform.Points.Models;

/// <summary>Where a volunteer's registration stands.</summary>
public enum VolunteerStatus
{
    /// <summary>Registered, waiting for the community's approval.</summary>
    Pending = 0,

    /// <summary>Approved: may sign up for activities, earn and redeem.</summary>
    Approved = 1,

    /// <summary>Refused by the community, with a reason.</summary>
    Rejected = 2,

    /// <summary>Suspended: keeps the balance, cannot sign up or redeem.</summary>
    Suspended = 3,
}

/// <summary>What an activity is (the kinds 万源 awards points for).</summary>
public enum ActivityType
{
    /// <summary>公益服务.</summary>
    PublicWelfare = 0,

    /// <summary>治安巡逻.</summary>
    Patrol = 1,

    /// <summary>入户走访.</summary>
    HomeVisit = 2,

    /// <summary>矛盾调解.</summary>
    DisputeResolution = 3,

    /// <summary>应急救援.</summary>
    Emergency = 4,

    /// <summary>文体活动.</summary>
    CultureSports = 5,

    /// <summary>环境整治.</summary>
    Environment = 6,

    /// <summary>其他.</summary>
    Other = 7,
}

/// <summary>Where an activity stands.</summary>
public enum ActivityStatus
{
    /// <summary>Being prepared; volunteers do not see it.</summary>
    Draft = 0,

    /// <summary>Published: volunteers sign up within its window.</summary>
    Published = 1,

    /// <summary>Cancelled, with a reason; sign-ups are cancelled.</summary>
    Cancelled = 2,

    /// <summary>Confirmed by the organiser: points awarded to the checked-in, no-shows recorded.</summary>
    Completed = 3,
}

/// <summary>Where a volunteer's sign-up stands.</summary>
public enum SignUpStatus
{
    /// <summary>Signed up.</summary>
    SignedUp = 0,

    /// <summary>Cancelled by the volunteer (or with the activity).</summary>
    Cancelled = 1,

    /// <summary>Checked in by the organiser (list or code).</summary>
    CheckedIn = 2,

    /// <summary>Did not come (recorded on confirmation).</summary>
    NoShow = 3,

    /// <summary>Came, and the points were awarded on confirmation.</summary>
    Awarded = 4,
}

/// <summary>What a ledger entry does to a balance.</summary>
public enum EntryKind
{
    /// <summary>Points earned (an activity, an award): positive.</summary>
    Earn = 0,

    /// <summary>Points spent on a reward: negative.</summary>
    Redeem = 1,

    /// <summary>A manual adjustment by staff, with its reason: either sign.</summary>
    Adjust = 2,

    /// <summary>Earned points that reached their expiry unspent: negative.</summary>
    Expire = 3,

    /// <summary>Undoes an earlier entry (its opposite amount): corrections are never edits.</summary>
    Reverse = 4,
}

/// <summary>What a reward is.</summary>
public enum RewardKind
{
    /// <summary>Goods with a stock and a value in yuan.</summary>
    Goods = 0,

    /// <summary>An honour (certificate, commendation): no stock unless limited.</summary>
    Honour = 1,
}

/// <summary>Where a redemption order stands.</summary>
public enum OrderStatus
{
    /// <summary>Placed: points taken, stock reserved; to be picked up.</summary>
    Placed = 0,

    /// <summary>Handed over at the pick-up point.</summary>
    Fulfilled = 1,

    /// <summary>Cancelled: points and stock given back (by reversal entries).</summary>
    Cancelled = 2,
}
