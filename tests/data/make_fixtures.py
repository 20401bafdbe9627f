"""Write the encoded and binary test documents in tests/data/docs/ (run: python tests/data/make_fixtures.py).

Every text here is fictional test material written in the shape of real policy documents (a GBK 细则
with 第一章/第一条, a UTF-16 公告 with 一、/（一）/（1）/1., a .docx with an annex table, a two-page PDF
with a text layer); the figures and document numbers are invented. The PDF is written by hand with the
standard Adobe-GB1 font STSong-Light under the UniGB-UTF16-H encoding, so no font file is needed to
create it and any PDF reader (pypdf included) can extract its Chinese text. The fifth fixture,
wuhu_fangan_utf8.txt (a 实施方案 inside its 印发 notice, laid out like a PDF extraction), is plain UTF-8
edited by hand and is not written here.
"""

from __future__ import annotations

import codecs
import textwrap
from pathlib import Path

DOCS = Path(__file__).resolve().parent / "docs"

SHANDONG_XIZE = """山东省商务厅 山东省财政厅
关于印发《山东省汽车以旧换新补贴实施细则》的通知
鲁商字〔2025〕1号

各市商务局、财政局：
为贯彻落实国家关于加力支持汽车以旧换新的部署要求，省商务厅、省财政厅制定了《山东省汽车以旧换新补贴实施细则》，现印发给你们，请结合实际认真抓好落实。

山东省商务厅 山东省财政厅
2025年1月10日

山东省汽车以旧换新补贴实施细则

第一章 总则

第一条 为规范汽车以旧换新补贴资金管理，提高资金使用效益，根据国家有关规定，结合我省实际，制定本细则。
第二条 本细则所称汽车以旧换新补贴，包括汽车报废更新补贴和汽车置换更新补贴。补贴资金由中央和地方按照9:1的比例共担。
第三条 补贴工作遵循公开透明、便民高效、依法合规的原则，实行“一次申请、一次审核、直达个人”。

第二章 补贴范围和标准

第四条 2025年1月1日至2025年12月31日期间，个人消费者报废国三及以下排放标准燃油乘用车或2018年4月30日前注册登记的新能源乘用车，并购买纳入《减免车辆购置税的新能源汽车车型目录》的新能源乘用车的，补贴2万元；购买2.0升及以下排量燃油乘用车的，补贴1.5万元。
第五条 个人消费者转让登记在本人名下的乘用车，并在省内购买新车的，按照以下标准给予置换更新补贴：
（一）购买新能源乘用车，新车销售价格（含税）在20万元及以上的，补贴1.5万元；在10万元至20万元（不含）之间的，补贴1万元；在10万元以下的，补贴0.5万元。
（二）购买燃油乘用车，新车销售价格（含税）在15万元及以上的，补贴1.3万元；在5万元至15万元（不含）之间的，补贴0.8万元。
第六条 每位个人消费者在补贴期限内只能享受一次报废更新补贴或置换更新补贴，不得重复享受。

第三章 申请和审核

第七条 个人消费者通过“山东省汽车以旧换新”平台填报补贴申请，上传身份证明、机动车注销证明或转让登记证明、新车购车发票和机动车登记证书等材料。
第八条 各市商务主管部门会同财政部门在收到申请后15个工作日内完成审核；对审核通过的，在10个工作日内将补贴资金拨付至申请人本人银行账户。（牵头单位：各市商务局；配合单位：各市财政局、公安交警部门）

第四章 监督管理

第九条 对虚报冒领、骗取补贴资金的，由各市商务主管部门会同财政部门依法追回补贴资金，并按照有关规定追究相关责任。
第十条 各市应当建立补贴资金使用情况月报制度，于每月5日前将上月补贴申请、审核和资金拨付情况报送省商务厅、省财政厅。

第五章 附则

第十一条 本细则由省商务厅、省财政厅负责解释。
第十二条 本细则自印发之日起施行，有效期至2025年12月31日。
"""

SUQIAN_GONGGAO = """宿迁市商务局 宿迁市财政局
关于开展2025年宿迁市家电以旧换新补贴活动的公告

为贯彻落实国家和省关于加力支持消费品以旧换新的部署要求，进一步激发家电消费潜力，现就我市2025年家电以旧换新补贴活动有关事项公告如下：

一、活动时间
2025年1月20日至2025年12月31日（以资金用完为止）。

二、补贴对象和范围
（一）补贴对象。在宿迁市行政区域内购买新家电产品的个人消费者。
（二）补贴产品。
（1）冰箱、洗衣机、电视、空调、电脑、热水器、家用灶具、吸油烟机等8类家电产品；
（2）微波炉、净水器、洗碗机、电饭煲等4类家电产品。
（三）产品要求。补贴产品须达到2级及以上能效或水效标准。

三、补贴标准
（一）购买2级能效或水效标准的产品，按产品最终销售价格的15%给予补贴。
（二）购买1级及以上能效或水效标准的产品，额外再给予产品最终销售价格5%的补贴。
（三）每位消费者每类产品可补贴1件（空调产品最多补贴3件），每件补贴不超过2000元。

四、申领流程
1. 消费者通过活动指定平台领取家电以旧换新补贴资格。
2. 在参与活动的线下门店或线上平台选购产品，结算时直接减免补贴金额。
3. 完成送货安装后，上传旧家电交售凭证，补贴资格方可核销。

五、监督管理
（一）参与企业应如实开具发票，严禁先涨价后打折、虚假交易等行为。（牵头单位：市商务局；配合单位：市市场监管局）
（二）对骗取补贴资金的，依法依规追回资金并追究相关责任。（牵头单位：市财政局；配合单位：市商务局、市公安局）

六、咨询方式
活动咨询请拨打12345政务服务便民热线。

特此公告。

宿迁市商务局 宿迁市财政局
2025年1月18日
"""

CHANGZHOU_CUOSHI = """# 常州市加快推进汽车和家电以旧换新若干措施

常政办发[2024]45 号

为进一步扩大汽车和家电消费，推动消费品以旧换新，结合我市实际，制定以下措施。

## 一、加大汽车以旧换新支持力度

（一）实施汽车报废更新补贴。对个人消费者报废旧车并购买新能源乘用车的，在国家补贴基础上，市级再给予每辆车3000元补贴。（牵头单位：市商务局；配合单位：市财政局、市公安局）

（二）推动公交车和出租车更新。到2027年，全市新能源公交车占比达到95%以上，新增和更新出租车中新能源车辆占比不低于90%。（牵头单位：市交通运输局）

## 二、促进家电以旧换新

（三）开展家电以旧换新促销活动。每年组织开展不少于50场家电以旧换新主题促销活动，支持企业让利消费者。（牵头单位：市商务局）

## 三、保障措施

（四）强化资金保障。市级财政统筹安排以旧换新专项资金2亿元，按照“先到先得、用完即止”的原则兑付。（牵头单位：市财政局）

附件：重点任务分工表

| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
| --- | --- | --- | --- | --- |
| 1 | 汽车报废更新补贴 | 市商务局 | 市财政局、市公安局 | 2024年12月底 |
| 2 | 公交车和出租车更新 | 市交通运输局 | 市财政局 | 2027年12月底 |
| 3 | 家电以旧换新促销活动 | 市商务局 | 各辖市区人民政府 | 长期坚持 |

常州市人民政府办公室
2024年7月3日
"""

ZHUZHOU_DOCX_PARAGRAPHS = [
    "株洲市人民政府办公室文件",
    "株政办发〔2024〕7号",
    "株洲市推动消费品以旧换新工作方案",
    "为深入贯彻落实国家和省关于推动消费品以旧换新的决策部署，促进消费持续恢复，制定本方案。",
    "一、工作目标",
    "到2025年，全市汽车报废更新和置换更新数量达到2万辆，家电以旧换新销售额较2023年增长20%以上。",
    "二、重点任务",
    "（一）开展汽车以旧换新。落实国家汽车报废更新补贴政策，组织开展汽车以旧换新促销活动。（牵头单位：市商务局；配合单位：市财政局、市公安局）",
    "（二）开展家电以旧换新。支持家电销售企业联合生产企业、回收企业开展以旧换新促销活动。（牵头单位：市商务局；配合单位：市发展改革委）",
    "附件：细化措施分工表",
]
ZHUZHOU_DOCX_TABLE = [
    ["序号", "细化措施", "牵头单位", "配合单位"],
    ["1", "汽车报废更新补贴每辆最高2万元", "市商务局", "市财政局\n市公安局"],
    ["2", "家电以旧换新补贴比例为销售价格的15%", "市商务局", "市财政局"],
    ["3", "完善废旧家电回收网络，每个县市区建成1个分拣中心", "市商务局", "市供销社"],
]
ZHUZHOU_DOCX_CLOSING = ["株洲市人民政府办公室", "二〇二四年八月十五日"]

ZIBO_PDF_PAGES = [
    [
        "淄博市人民政府办公室文件",
        "淄政办字〔2024〕21 号",
        "淄博市人民政府办公室",
        "关于印发淄博市推动大规模设备更新和",
        "消费品以旧换新实施方案的通知",
        "各区县人民政府，高新区、经济开发区、文昌湖区管委会，市政府各部门，各有关单位：",
        "《淄博市推动大规模设备更新和消费品以旧换新实施方案》已经市政府同意，现印发给你们，请认真贯彻执行。",
        "淄博市人民政府办公室",
        "2024 年 9 月 2 日",
    ],
    [
        "淄博市推动大规模设备更新和",
        "消费品以旧换新实施方案",
        "一、工作目标",
        "到 2027 年，全市工业、农业、建筑、交通、教育、文旅、医疗等领域设备投资规模较 2023 年增长 30%以上，"
        "规模以上工业企业数字化改造实现全覆盖。",
        "二、重点任务",
        "（一）推进工业设备更新",
        "1．实施技术改造提升工程。每年实施 500 个以上技术改造项目，推动化工、建材、纺织等行业老旧设备更新换代。"
        "（牵头单位：市工业和信息化局；配合单位：市发展改革委、市财政局）",
        "2．推动交通运输设备更新。到 2027 年，城市公交车中新能源车辆占比达到 90%。（牵头单位：市交通运输局）",
    ],
]


def pdf_bytes(pages: list[list[str]], *, width: int = 30, lines_per_page: int = 36) -> bytes:
    """A minimal PDF whose pages show the given paragraphs (wrapped at `width` characters) as real text."""
    page_lines: list[list[str]] = []
    for paragraphs in pages:
        lines = [piece for text in paragraphs for piece in textwrap.wrap(text, width) or [""]]
        page_lines += [lines[i : i + lines_per_page] for i in range(0, max(len(lines), 1), lines_per_page)]
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree, filled in below
    font_id = len(objects) + 1
    objects += [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H"
        b" /DescendantFonts [4 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 /FontDescriptor 5 0 R"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    kids = []
    for lines in page_lines:
        shown = " ".join(f"<{line.encode('utf-16-be').hex().upper()}> Tj T*" for line in lines)
        stream = f"BT /F1 12 Tf 20 TL 72 770 Td {shown} ET".encode("ascii")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >>"
            b" /Contents %d 0 R >>" % (font_id, len(objects))
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def write_docx(path: Path) -> None:
    """The 株洲 工作方案 as a Word file: paragraphs, an annex table with a merged cell, the signature."""
    from docx import Document

    document = Document()
    for text in ZHUZHOU_DOCX_PARAGRAPHS:
        document.add_paragraph(text)
    rows = ZHUZHOU_DOCX_TABLE
    table = document.add_table(rows=len(rows) + 1, cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merged = table.cell(len(rows), 0).merge(table.cell(len(rows), len(rows[0]) - 1))
    merged.text = "注：各县市区人民政府负责本辖区内各项措施的组织实施。"
    for text in ZHUZHOU_DOCX_CLOSING:
        document.add_paragraph(text)
    document.save(str(path))


def main() -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    (DOCS / "shandong_xize_gbk.txt").write_bytes(SHANDONG_XIZE.encode("gbk"))
    (DOCS / "suqian_gonggao_utf16le_bom.txt").write_bytes(
        codecs.BOM_UTF16_LE + SUQIAN_GONGGAO.encode("utf-16-le")
    )
    (DOCS / "changzhou_cuoshi_utf8_bom.md").write_bytes(codecs.BOM_UTF8 + CHANGZHOU_CUOSHI.encode("utf-8"))
    write_docx(DOCS / "zhuzhou_fangan.docx")
    (DOCS / "zibo_fangan.pdf").write_bytes(pdf_bytes(ZIBO_PDF_PAGES))


if __name__ == "__main__":
    main()
