namespace GovPlatform.Tools.GridSeed;

/// <summary>站前, 莲湖 and 越秀 (区 → 街道 → 社区 → 网格) and the street-centre template.</summary>
internal static class Districts
{
    private static readonly DateOnly From = new(2021, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 31);

    /// <summary>莲湖: 9 streets, 131 communities, 364 grids; the "3+2+N" team of each grid.</summary>
    public static TenantData Lianhu(HashSet<string> phones)
    {
        var random = new Random(610104);
        var district = new UrbanDistrict
        {
            Code = "610104",
            Name = "莲湖区",
            EnglishName = "Lianhu District",
            Box = (108.86, 108.96, 34.24, 34.30),
            Streets =
            [
                new("北院门", "Beiyuanmen", 108.945, 34.266), new("青年路", "Qingnianlu", 108.933, 34.272),
                new("北关", "Beiguan", 108.946, 34.287), new("红庙坡", "Hongmiaopo", 108.915, 34.290),
                new("环城西路", "Huanchengxilu", 108.925, 34.262), new("西关", "Xiguan", 108.915, 34.255),
                new("土门", "Tumen", 108.895, 34.263), new("桃园路", "Taoyuanlu", 108.895, 34.247),
                new("枣园", "Zaoyuan", 108.872, 34.280),
            ],
            Communities = [11, 13, 18, 19, 11, 15, 17, 15, 12],
            CommunityNames = Names.Lianhu,
            Grids = 364,
            GridsPerCommunity = (2, 4),
            GridHouseholds = (850, 1350),
            ResidentsPerHousehold = (2.5, 2.9),
            HouseholdsPerBuilding = (30, 70),
        };
        var (root, projection) = Urban.Build(district, random);
        Urban.RoundAll(root, projection);

        var people = new People(random, People.Regional("马1.6 雷2 杨1.3 田1.5 贺1.5 党0.2 屈0.2"), phones, From, To);
        var rows = new List<Assignment>();
        rows.Add(new(people.New("partTime", "none", "区委政法委书记", 0.2), root.Code, "leader"));
        foreach (var street in root.Children)
        {
            rows.Add(new(people.New("partTime", "none", "街道党工委副书记、政法委员", 0.3), street.Code, "leader"));
            foreach (var community in street.Children)
            {
                rows.Add(new(people.New("partTime", "none", "社区党委书记、居委会主任", 0.5), community.Code, "leader"));
                rows.Add(new(people.New("partTime", "none", "网格指导员（街道包片干部）", 0.4), community.Code, "instructor"));
                rows.Add(new(people.New("partTime", "none", "网格业务联络员", 0.6), community.Code, "liaison"));
                var police = people.New("partTime", "none", "社区民警", 0.15);
                foreach (var grid in community.Children)
                {
                    rows.Add(new(people.New("partTime", "none", "网格长（社区两委成员）", 0.5), grid.Code, "leader"));
                    rows.Add(new(police, grid.Code, "communityPolice"));
                    rows.Add(new(people.New("fullTime", "none", "专职网格员", 0.65), grid.Code, "worker"));
                    for (var n = Seeding.Between(random, 1, 2); n > 0; n--)
                    {
                        rows.Add(new(people.New("partTime", "none", "兼职网格员（楼栋长、党员志愿者）", 0.6), grid.Code, "worker"));
                    }
                }
            }
        }

        return new TenantData
        {
            Folder = "lianhu",
            UnitsFile = "grid.geojson",
            WorkersFile = "grid-workers.csv",
            Root = root,
            Projection = projection,
            Assignments = rows,
            Expect = new Expectation
            {
                UnitsPerLevel = new Dictionary<int, int> { [1] = 1, [2] = 9, [3] = 131, [4] = 364 },
                Rows = new Dictionary<(string, string), int>
                {
                    [("worker", "fullTime")] = 364,
                    [("communityPolice", "partTime")] = 364,
                    [("instructor", "partTime")] = 131,
                    [("liaison", "partTime")] = 131,
                    [("leader", "partTime")] = 1 + 9 + 131 + 364,
                },
                Workers = new Dictionary<string, int> { ["fullTime"] = 364 },
            },
        };
    }

    /// <summary>站前: 7 streets, 40 communities (五大门 as the seed tells it), 279 grids, 550 grid workers.</summary>
    public static TenantData Zhanqian(HashSet<string> phones)
    {
        var random = new Random(210802);
        var district = new UrbanDistrict
        {
            Code = "210802",
            Name = "站前区",
            EnglishName = "Zhanqian District",
            Box = (122.22, 122.32, 40.63, 40.70),
            Streets =
            [
                new("八田地", "Batiandi"), new("东风", "Dongfeng"), new("建设", "Jianshe"), new("跃进", "Yuejin"),
                new("新兴", "Xinxing"), new("渤海", "Bohai"), new("站前", "Zhanqian"),
            ],
            Communities = [6, 6, 6, 5, 6, 5, 6],
            CommunityNames = Names.Zhanqian,
            Grids = 279,
            GridsPerCommunity = (4, 9),
            GridHouseholds = (280, 420),
            ResidentsPerHousehold = (2.5, 2.8),
            HouseholdsPerBuilding = (35, 60),
            Known = [new("八田地", "五大门社区", 15, 5600, 15000, 114, "114栋楼，5600户，15000余人")],
        };
        var (root, projection) = Urban.Build(district, random);
        Urban.RoundAll(root, projection);

        var people = new People(random, People.Regional("于2.5 孙1.5 赵1.3 姜2 曲0.3 隋0.2 关0.3 佟0.2"), phones, From, To);
        var rows = new List<Assignment>();
        rows.Add(new(people.New("partTime", "none", "区委书记（三级书记抓社会治理）", 0.2), root.Code, "leader"));
        var grids = new List<Unit>();
        foreach (var street in root.Children)
        {
            rows.Add(new(people.New("partTime", "none", "街道党工委书记", 0.3), street.Code, "leader"));
            foreach (var community in street.Children)
            {
                rows.Add(new(people.New("partTime", "none", "社区党委书记", 0.5), community.Code, "leader"));
                grids.AddRange(community.Children);
            }
        }

        // 550 grid workers over 279 grids: one full-time worker in each, a part-time second in all but 8.
        var single = Seeding.Shuffled(grids.Count, random).Take(2 * grids.Count - 550).ToHashSet();
        for (var i = 0; i < grids.Count; i++)
        {
            rows.Add(new(people.New("partTime", "none", "网格党支部书记（一格一支部）", 0.4), grids[i].Code, "leader"));
            rows.Add(new(people.New("fullTime", "none", "专职网格员", 0.65), grids[i].Code, "worker"));
            if (!single.Contains(i))
            {
                rows.Add(new(people.New("partTime", "none", "兼职网格员", 0.6), grids[i].Code, "worker"));
            }
        }

        return new TenantData
        {
            Folder = "zhanqian",
            UnitsFile = "grid.geojson",
            WorkersFile = "grid-workers.csv",
            Root = root,
            Projection = projection,
            Assignments = rows,
            Expect = new Expectation
            {
                UnitsPerLevel = new Dictionary<int, int> { [1] = 1, [2] = 7, [3] = 40, [4] = 279 },
                Rows = new Dictionary<(string, string), int>
                {
                    [("worker", "fullTime")] = 279,
                    [("worker", "partTime")] = 271,
                    [("leader", "partTime")] = 1 + 7 + 40 + 279,
                },
                Workers = new Dictionary<string, int> { ["fullTime"] = 279, ["partTime"] = 271 },
            },
        };
    }

    /// <summary>越秀: 18 streets, 222 communities, 2–4 grids each; a leader and one or two workers per grid.</summary>
    public static TenantData Yuexiu(HashSet<string> phones)
    {
        var random = new Random(440104);
        var streetCommunities = Seeding.Allocate(222, 18, 9, 16, random);
        var district = new UrbanDistrict
        {
            Code = "440104",
            Name = "越秀区",
            EnglishName = "Yuexiu District",
            Box = (113.24, 113.31, 23.11, 23.16),
            Streets =
            [
                new("洪桥", "Hongqiao", 113.262, 23.140), new("北京", "Beijing", 113.270, 23.124), new("六榕", "Liurong", 113.263, 23.131),
                new("流花", "Liuhua", 113.252, 23.146), new("光塔", "Guangta", 113.256, 23.126), new("人民", "Renmin", 113.252, 23.117),
                new("东山", "Dongshan", 113.291, 23.124), new("农林", "Nonglin", 113.289, 23.133), new("梅花村", "Meihuacun", 113.297, 23.137),
                new("黄花岗", "Huanghuagang", 113.291, 23.148), new("华乐", "Huale", 113.284, 23.143), new("建设", "Jianshe", 113.278, 23.138),
                new("大塘", "Datang", 113.279, 23.124), new("珠光", "Zhuguang", 113.279, 23.116), new("大东", "Dadong", 113.284, 23.130),
                new("白云", "Baiyun", 113.301, 23.118), new("登峰", "Dengfeng", 113.293, 23.157), new("矿泉", "Kuangquan", 113.257, 23.156),
            ],
            Communities = streetCommunities,
            CommunityNames = Names.Yuexiu,
            GridsPerCommunity = (2, 4),
            GridHouseholds = (450, 750),
            ResidentsPerHousehold = (2.5, 2.8),
            HouseholdsPerBuilding = (18, 45),
        };
        var (root, projection) = Urban.Build(district, random);
        Urban.RoundAll(root, projection);

        var people = new People(random, People.Regional("陈3 黄2.5 梁3 林2 何2 罗2 冯2 邓2 谭3 卢2 钟2 曾2 赖2 王0.4 刘0.7 张0.7 麦0.5 区0.2 关0.3"), phones, From, To);
        var rows = new List<Assignment>();
        rows.Add(new(people.New("partTime", "none", "区委政法委书记", 0.2), root.Code, "leader"));
        foreach (var street in root.Children)
        {
            rows.Add(new(people.New("partTime", "none", "街道党工委书记", 0.3), street.Code, "leader"));
            foreach (var community in street.Children)
            {
                rows.Add(new(people.New("partTime", "none", "社区党委书记", 0.5), community.Code, "leader"));
                foreach (var grid in community.Children)
                {
                    rows.Add(new(people.New("partTime", "none", "网格长（社区工作人员）", 0.5), grid.Code, "leader"));
                    rows.Add(new(people.New("fullTime", "none", "专职网格员", 0.65), grid.Code, "worker"));
                    if (random.NextDouble() < 0.5)
                    {
                        rows.Add(new(people.New("partTime", "none", "兼职网格员（楼长、志愿者）", 0.6), grid.Code, "worker"));
                    }
                }
            }
        }

        var counts = Urban.CountPerLevel(root);
        return new TenantData
        {
            Folder = "yuexiu",
            UnitsFile = "grid.geojson",
            WorkersFile = "grid-workers.csv",
            Root = root,
            Projection = projection,
            Assignments = rows,
            Expect = new Expectation
            {
                UnitsPerLevel = new Dictionary<int, int> { [1] = 1, [2] = 18, [3] = 222, [4] = counts[4] },
                Rows = new Dictionary<(string, string), int>
                {
                    [("worker", "fullTime")] = counts[4],
                    [("leader", "partTime")] = 1 + 18 + 222 + counts[4],
                },
            },
        };
    }

    /// <summary>The street-centre template: a street, 13 communities, 28 level-3 grids, 6 professional grids; no boundaries.</summary>
    public static TenantData Template(HashSet<string> phones)
    {
        var random = new Random(4);
        var root = new Unit { Code = "JD", Name = "新建街道", EnglishName = "New Subdistrict", Level = 1, Notes = "模板：导入本街道的边界和实际数据后替换" };
        var grids = Seeding.Allocate(28, 13, 2, 3, random);
        for (var i = 0; i < 13; i++)
        {
            var community = root.AddChild(i + 1, 2, $"第{Names.Chinese(i + 1)}社区");
            for (var j = 0; j < grids[i]; j++)
            {
                var grid = community.AddChild(j + 1, 2, $"第{Names.Chinese(j + 1)}网格");
                Seeding.Figures(grid, random, (700, 1200), (2.6, 2.9), (30, 60));
            }
        }

        (string Department, string Leader)[] professional =
        [
            ("公安", "派出所副所长"), ("司法", "司法所所长"), ("民政", "街道民政办主任"),
            ("卫健", "社区卫生服务中心主任"), ("市场监管", "市场监管所所长"), ("城管", "城管执法中队队长"),
        ];
        for (var i = 0; i < professional.Length; i++)
        {
            root.Children.Add(new Unit
            {
                Code = $"JD-P{i + 1:D2}",
                Name = professional[i].Department + "专业网格",
                Level = 2,
                Parent = root,
                Kind = "professional",
                Department = professional[i].Department,
                Notes = "覆盖全街道",
            });
        }

        root.SumUp();

        var people = new People(random, People.Regional(""), phones, From, To);
        var rows = new List<Assignment> { new(people.New("partTime", "none", "街道党工委书记", 0.3), root.Code, "leader") };
        foreach (var unit in root.Children)
        {
            if (unit.IsTerritorial)
            {
                rows.Add(new(people.New("partTime", "none", "社区党委书记（二级网格长）", 0.5), unit.Code, "leader"));
            }
        }

        for (var i = 0; i < professional.Length; i++)
        {
            rows.Add(new(people.New("partTime", "none", professional[i].Leader, 0.3), $"JD-P{i + 1:D2}", "leader"));
        }

        foreach (var grid in root.Children.SelectMany(c => c.Children))
        {
            rows.Add(new(people.New("fullTime", "none", "专职网格员（三级网格）", 0.65), grid.Code, "worker"));
        }

        return new TenantData
        {
            Folder = "templates",
            UnitsFile = "street-centre.grid.csv",
            WorkersFile = "street-centre.grid-workers.csv",
            Root = root,
            Assignments = rows,
            Expect = new Expectation
            {
                UnitsPerLevel = new Dictionary<int, int> { [1] = 1, [2] = 13 + 6, [3] = 28 },
                Boundaries = false,
                Rows = new Dictionary<(string, string), int> { [("leader", "partTime")] = 1 + 13 + 6, [("worker", "fullTime")] = 28 },
            },
        };
    }
}
