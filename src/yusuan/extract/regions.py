"""Where a disclosure comes from: China's provinces and prefecture-level divisions, as data.

A unit's name nearly always starts with its place (`深圳市统计局`,
`中共克孜勒苏柯尔克孜自治州委员会办公室`, `江苏省人大常委会办公厅`), and the
rules a document must follow beyond the national minimum are its province's.
`find_region` reads the province, the prefecture-level city (地级市, 自治州,
地区, 盟) and a district or county printed right after it from such a name.
The table holds the 31 mainland provinces and their prefecture-level
divisions (plus the few county-level cities administered directly by a
province); it is a list of places, not of documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from yusuan.lazy_pattern import lazy_compile
from yusuan.model.disclosure import region_label
from yusuan.pattern_cache import compile_pattern

# The four municipalities are provinces and cities at once.
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

_PREFECTURES: dict[str, str] = {
    "河北省": "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水",
    "山西省": "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁",
    "内蒙古自治区": "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 锡林郭勒盟 阿拉善盟",
    "辽宁省": "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛",
    "吉林省": "长春 吉林 四平 辽源 通化 白山 松原 白城 延边朝鲜族自治州",
    "黑龙江省": "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭地区",
    "江苏省": "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁",
    "浙江省": "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水",
    "安徽省": "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城",
    "福建省": "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德",
    "江西省": "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶",
    "山东省": "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽",
    "河南省": "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源",
    "湖北省": "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施土家族苗族自治州 仙桃 潜江 天门 "
    "神农架林区",
    "湖南省": "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西土家族苗族自治州",
    "广东省": "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 "
    "揭阳 云浮",
    "广西壮族自治区": "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左",
    "海南省": "海口 三亚 三沙 儋州",
    "四川省": "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 "
    "阿坝藏族羌族自治州 甘孜藏族自治州 凉山彝族自治州",
    "贵州省": "贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南布依族苗族自治州 黔东南苗族侗族自治州 黔南布依族苗族自治州",
    "云南省": "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄彝族自治州 红河哈尼族彝族自治州 文山壮族苗族自治州 "
    "西双版纳傣族自治州 大理白族自治州 德宏傣族景颇族自治州 怒江傈僳族自治州 迪庆藏族自治州",
    "西藏自治区": "拉萨 日喀则 昌都 林芝 山南 那曲 阿里地区",
    "陕西省": "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛",
    "甘肃省": "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏回族自治州 甘南藏族自治州",
    "青海省": "西宁 海东 海北藏族自治州 黄南藏族自治州 海南藏族自治州 果洛藏族自治州 玉树藏族自治州 "
    "海西蒙古族藏族自治州",
    "宁夏回族自治区": "银川 石嘴山 吴忠 固原 中卫",
    "新疆维吾尔自治区": "乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉回族自治州 博尔塔拉蒙古自治州 巴音郭楞蒙古自治州 阿克苏地区 "
    "克孜勒苏柯尔克孜自治州 喀什地区 和田地区 伊犁哈萨克自治州 塔城地区 阿勒泰地区 石河子 阿拉尔 图木舒克 "
    "五家渠 北屯 铁门关 双河 可克达拉 昆玉 胡杨河 新星 白杨",
}

# Short names a province is also printed by (`新疆生产建设兵团`, `广西`, `内蒙古`…).
_SHORT: dict[str, str] = {
    "新疆": "新疆维吾尔自治区",
    "广西": "广西壮族自治区",
    "内蒙古": "内蒙古自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
}

# A district or county printed right after its city: `上海市普陀区…`, `XX市YY县…` (not `社区`).
_DISTRICT = lazy_compile(r"^([\u4e00-\u9fff]{2,5}?(?:区|县|旗))(?=[\u4e00-\u9fff（(])")


@dataclass(frozen=True)
class Region:
    """A province, with its prefecture-level city and county or district when the name shows them."""

    province: str
    city: str | None = None
    district: str | None = None

    @property
    def label(self) -> str:
        """`广东省 深圳市`; a municipality once (`重庆市`); the district after its city."""
        return region_label(self.province, self.city, self.district)

    @property
    def level(self) -> str:
        """The government level the place implies: 省级, 市级 (州级, 地区级, 盟级), 区级 or 县级."""
        if self.district:
            return "区级" if self.district.endswith("区") else "县级"
        if self.city is None:
            return "市级" if self.province in MUNICIPALITIES else "省级"
        for suffix, level in (("自治州", "州级"), ("地区", "地区级"), ("盟", "盟级")):
            if self.city.endswith(suffix):
                return level
        return "市级"


def _full_name(short: str) -> str:
    return short if short.endswith(("自治州", "地区", "盟", "林区")) else short + "市"


@cache
def _names() -> dict[str, tuple[str, str | None]]:
    """Every printed place name → (province, city)."""
    names: dict[str, tuple[str, str | None]] = {}
    for province, prefectures in _PREFECTURES.items():
        names[province] = (province, None)
        for short in prefectures.split():
            names[_full_name(short)] = (province, _full_name(short))
    for municipality in MUNICIPALITIES:
        names[municipality] = (municipality, municipality)
    for short, province in _SHORT.items():
        names.setdefault(short, (province, None))
    return names


@cache
def _pattern() -> re.Pattern[str]:
    names = sorted(_names(), key=len, reverse=True)  # the longest name at a place wins
    return compile_pattern("|".join(re.escape(n) for n in names))


def find_region(name: str) -> Region | None:
    """The region a unit's name (or a title) starts with, read left to right; None if it names none.

    `中共重庆市委宣传部` → 重庆市; `深圳市规划和自然资源局盐田管理局` → 广东省 深圳市;
    `上海市普陀区财政局` → 上海市 普陀区.  Places after the first city are the
    unit's business (`…对口支援新疆…`), not its region, and are ignored.
    """
    province: str | None = None
    city: str | None = None
    end = 0
    for match in _pattern().finditer(name):
        found_province, found_city = _names()[match.group(0)]
        if province is not None and (found_province != province or match.start() != end):
            break  # another place, or one not adjoining the first: the unit's business
        province, end = found_province, match.end()
        if found_city is not None:
            city = found_city
            break
    if province is None:
        return None
    district = _DISTRICT.match(name[end:]) if city is not None else None
    return Region(province, city, district.group(1) if district else None)


def region_in_text(texts: list[str], minimum: int = 3) -> Region | None:
    """The place a text names most often, when it clearly dominates (≥ `minimum` times, twice the next)."""
    counts: dict[tuple[str, str | None], int] = {}
    for text in texts:
        for match in _pattern().finditer(text):
            key = _names()[match.group(0)]
            counts[key] = counts.get(key, 0) + 1
    provinces: dict[str, int] = {}
    for (province, _city), n in counts.items():
        provinces[province] = provinces.get(province, 0) + n
    ranked = sorted(provinces.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < minimum or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    province = ranked[0][0]
    cities = sorted(((n, c) for (p, c), n in counts.items() if p == province and c), reverse=True)
    city = cities[0][1] if cities and (len(cities) == 1 or cities[1][0] * 2 <= cities[0][0]) else None
    return Region(province, city)
