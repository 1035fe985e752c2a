namespace GovPlatform.Tools.GridSeed;

/// <summary>Place names and Chinese numerals.</summary>
internal static class Names
{
    private static readonly string[] Digits = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

    /// <summary>1 → 一, 10 → 十, 13 → 十三, 20 → 二十, 25 → 二十五 (1 to 99).</summary>
    public static string Chinese(int n) => n switch
    {
        < 1 or > 99 => throw new ArgumentOutOfRangeException(nameof(n)),
        < 10 => Digits[n],
        10 => "十",
        < 20 => "十" + Digits[n % 10],
        _ => Digits[n / 10] + "十" + (n % 10 == 0 ? "" : Digits[n % 10]),
    };

    /// <summary>Hands out names from a pool without repeating one; when the pool runs dry, a name gets a 东/西/南/北… suffix.</summary>
    public sealed class Pool(Random random, IEnumerable<string> names)
    {
        private static readonly string[] Suffixes = ["东", "西", "南", "北", "新", "中"];
        private readonly List<string> _names = [.. names];
        private readonly HashSet<string> _used = [];

        public void Reserve(string name) => _used.Add(name);

        public string Next(string suffix)
        {
            var fresh = _names.Where(n => !_used.Contains(n + suffix)).ToList();
            if (fresh.Count > 0)
            {
                var name = fresh[random.Next(fresh.Count)] + suffix;
                _used.Add(name);
                return name;
            }

            foreach (var extra in Suffixes)
            {
                var candidates = _names.Select(n => n + extra + suffix).Where(n => !_used.Contains(n)).ToList();
                if (candidates.Count > 0)
                {
                    var name = candidates[random.Next(candidates.Count)];
                    _used.Add(name);
                    return name;
                }
            }

            throw new InvalidOperationException("the name pool is exhausted");
        }
    }

    /// <summary>Lanes, streets and old place names of 莲湖 (Xi'an), for its communities.</summary>
    public static readonly string[] Lianhu =
    [
        "大麦市", "西羊市", "北院门", "大学习巷", "庙后街", "洒金桥", "香米园", "红埠街", "北广济街", "许士庙街", "早慈巷", "麦苋街",
        "西华门", "青年路", "莲湖路", "习武园", "药王洞", "北关正街", "龙首村", "自强西路", "红庙坡", "星火路", "大兴东路", "丰禾路",
        "环城西路", "劳动路", "桃园路", "枣园东路", "丰登路", "大庆路", "汉城路", "团结村", "星光", "西北三路", "西工大", "玉祥门",
        "潘家村", "双仁府", "梁家牌楼", "土门", "大土门", "丰庆路", "永乐路", "桃园东村", "西稍门", "红光路", "大白杨", "糜家桥",
        "小白杨", "昆明路", "劳动南路", "桃园北路", "远东", "西电", "西北二路", "北大街", "二府街", "莲湖公园", "西北一路", "革命公园",
        "北马道巷", "盐店街", "琉璃庙", "洒金桥北", "大皮院", "小皮院", "化觉巷", "西仓", "早慈巷北", "南小巷", "自强东路", "龙首北路",
        "红庙坡北", "八家巷", "纸坊村", "沣惠", "西围墙", "东围墙", "西关正街", "南关", "汉城南路", "劳动北路", "大兴西路", "西航",
        "星火北", "光华路", "三民村", "枣园西路", "红光", "沣镐路", "阿房宫", "陕棉十一厂", "西郊", "丰登南路", "西门", "安定门",
    ];

    /// <summary>Streets and estates of 站前 (Yingkou), for its communities (五大门 is placed by hand).</summary>
    public static readonly string[] Zhanqian =
    [
        "公园", "钢材街", "纺织", "健康", "盼盼", "学府", "东升", "南湖", "站南", "城东", "德胜", "铁路", "金牛山", "曙光", "红旗",
        "胜利", "和平", "中山", "市府", "英华", "新华", "东山", "蓝天", "丽水", "锦绣", "光华", "平安", "祥和", "北湖", "康华",
        "润和", "民生", "渤海", "建设", "跃进", "新兴", "东风", "八田地", "青年", "团结", "长兴", "振兴", "惠民", "东湖", "滨海",
    ];

    /// <summary>Streets and old neighbourhoods of 越秀 (Guangzhou), for its communities.</summary>
    public static readonly string[] Yuexiu =
    [
        "洪桥", "盘福", "越华", "仓边", "东风", "大新", "起义路", "法政", "小北", "登峰", "麓湖", "环市", "农林", "东湖", "中山",
        "梅东", "竹丝岗", "执信", "寺贝通津", "达道", "广卫", "德政", "文德", "海珠中", "惠福", "高第", "诗书", "朝天", "解放",
        "华侨新村", "王圣堂", "云台", "广园", "瑶台", "西华", "人民北", "象岗", "大北", "五羊新城", "杨箕", "二沙岛", "淘金",
        "水荫", "沙河", "先烈", "永泰", "永胜", "横枝岗", "东皋", "越秀北", "豪贤", "旧仓巷", "泰康", "北京南", "新河浦", "龟岗",
        "署前", "龙腾", "应元", "流花湖", "三元里", "桂花岗", "解放北", "光孝", "六榕寺", "净慧", "纸行", "西湖", "教育路", "大南",
        "万福", "泰安", "玉带濠", "白云路", "东华", "越秀南", "大沙头", "东园", "中山三路", "烈士路", "大塘", "长塘", "聚贤",
        "文明路", "中华", "连新", "天香", "梅花村", "寺右", "共和", "水均岗", "太和岗", "福今", "恤孤院", "瓦窑", "白薇", "松岗",
        "仁厚", "珠光路", "大马站", "小马站", "清水濠", "东川", "农林下", "育蕾", "华乐路", "五羊", "新港", "竹园", "黄花",
        "麻行", "光复", "海珠北", "东濠", "诗书路", "德坭", "西门口", "人民中", "一德", "状元坊", "米市", "长庚", "莲花井", "九曜",
        "东皋大道", "恒福", "环市东", "登峰北", "横枝", "西坑", "下塘", "云泉", "矿泉", "三元", "金桂", "广州大道北",
    ];

    /// <summary>Neighbourhoods of 万源's old town, for the communities of its two 街道 (庙沟 is placed by hand).</summary>
    public static readonly string[] WanyuanTown =
    [
        "红旗", "胜利", "光明", "滨河", "人民", "西门", "东门", "北门", "南门", "十字街", "万兴", "和平", "新区", "太平", "后河",
        "杨柳", "寨子坪", "观音岩", "白羊",
    ];

    /// <summary>Village names of the 大巴山 hills, for 万源's villages.</summary>
    public static readonly string[] WanyuanVillage =
    [
        "石梯", "长坝", "柏树", "黄家坝", "花萼", "青龙", "中坝", "双河", "三合", "新华", "鹰背", "金竹", "团结", "石门", "龙潭",
        "大坪", "竹园", "桃花", "梨园", "红岩", "石桥", "水田", "碑坝", "堰塘", "凉风垭", "岩门", "松树", "核桃", "马家", "王家坪",
        "李家坪", "罗家坝", "观音", "大石", "檬子", "茶园", "沙坝", "河坝", "花园", "天池", "碾盘", "水井", "柳河", "龙王塘", "望江",
        "高桥", "白鹤", "枫木", "青杠", "九龙", "玉皇", "鸡公岭", "石板", "岩口", "梯子", "庙坝", "兴隆", "田坝", "响滩", "红花",
        "板桥", "向家坝", "冉家湾", "张家", "陈家坝", "柏林", "大湾", "石窝", "漆树", "木瓜", "杉树", "磨子", "桥亭", "新店",
        "黑宝山", "大垭", "桐子", "狮子", "雷家", "铁厂", "盐井", "金山", "银杏", "长田", "峰城", "黄坪", "龙骨", "龙泉", "八角",
        "猫儿岩", "天井", "花椒", "铺子", "金鸡", "黄金", "云台", "蒲家", "覃家", "宝塔", "五龙", "三官", "太阳", "大竹园",
    ];
}
