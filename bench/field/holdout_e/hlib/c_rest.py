"""The five colleges after 文学院."""
from .c_dianzi import Dianzi
from .c_jingguan import Jingguan
from .c_shengming import Shengming
from .c_waiyu import Waiyu
from .c_yinyue import Yinyue


def plans(ctx, cols):
    return [Waiyu(ctx, cols["外国语学院"]), Yinyue(ctx, cols["音乐学院"]), Jingguan(ctx, cols["经济与管理学院"]),
            Dianzi(ctx, cols["电子与电气工程学院"]), Shengming(ctx, cols["生命科学学院"])]
