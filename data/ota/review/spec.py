"""The editorial choices of the clause review (make_review.py applies them).

Which passage of each version is the clause of each category.

Read against the texts (scratch DB): per category, ordered regexes matched against the
*items* of each passage (a passage cut at inline list markers "(a)", "(iv)" and at ";").
The first regex that matches an item (earlier regexes first, then text order) gives the
quote: the item itself, verbatim. Output ownership is matched against whole sentences
instead (its clauses are "you (a) retain … and (b) own the Output" sentences). A run-in
bold heading ("**Output.** You own…") is left out of the quote. EXCLUDE drops items that
only look like clauses (permissions, the vendor's own conduct, court jurisdiction); SERVICE
holds the choices made for one service. Absent means no item of the version matched.
"""

import re

CATEGORIES = [
    "no-competing-models",
    "no-automated-extraction",
    "no-reverse-engineering",
    "output-ownership",
]

GENERIC = {
    "no-competing-models": [
        r"\bdevelop\w*\b[^;]{0,100}\bmodels?\b[^;]{0,80}\bcompet",
        r"\b(develop|train|improve)\w*\b[^;]{0,120}\b(models?|algorithms|AI|artificial intelligence)\b[^;]{0,80}\bcompet",  # noqa: E501
        r"\bcompet\w*\b[^;]{0,30}\b(AI|artificial intelligence|machine learning)\s+models?",
        r"\bcompet\w*\b[^;]{0,60}\bmodels?\b",
        r"\bcompet\w*\b[^;]{0,120}\b(train|develop)\w*\b[^;]{0,80}\bmodels\b",
        r"image Outputs to develop or train",
        r"content from our services to develop machine learning models",
        r"to create, train,? or improve[^;]{0,60}\b(AI technology|AI service)",
        r"\btrain an AI model\b",
        r"\bdistil(l|ling|led)?\b(?! versions)",
        r"竞争[^；。]{0,40}模型|模型[^；。]{0,40}竞争",
    ],
    "no-automated-extraction": [
        r"\b(automatically|programmatically)\b[^;]{0,30}\bextract",
        r"\bExtracting Data\b",
        r"\bextract\w*\b[^;]{0,20}\b(data|content|contents|information)\b",
        r"\b(scrap\w*|crawl\w*|spider\w*|harvest\w*)\b",
        r"\bautomated or non-human means\b",
        r"\busing automated means to access content\b",
        r"\b(robots?|spiders?)\b[^;]{0,60}\bautomat",
        r"非法抓取|爬虫|抓取",
    ],
    "no-reverse-engineering": [
        r"^(?:(?!Output).)*(\breverse[\s-]+(engineer\w*|assembl\w*|compil\w*)|\bdecompil\w*|\bdisassembl\w*|Reverse Engineer)",  # noqa: E501
        r"\breverse[\s-]+(engineer\w*|assembl\w*|compil\w*)|\bdecompil\w*|\bdisassembl\w*",
        r"反向工程|逆向工程|反向编译",
    ],
    "output-ownership": [
        r"\b(you|Customer|You)\b[^.]{0,80}\bowns?\s+(all\s+|the\s+)?Outputs?\b",
        r"\bown(s)? all rights?, title,? and interests? in and to (the |your )?(Inputs and )?Outputs?",  # noqa: E501
        r"\bowns? all right, title,? and interest (in and to|in) the Output",
        r"\bsole owner of the Output",
        r"\bassign\w*\b[^.]{0,80}\b(right|title|interest)\w*\b[^.]{0,80}\bOutputs?\b",
        r"\b(asserts?|claim) no ownership rights in any Output|\bdo not claim any ownership\b[^.]{0,80}\bOutputs?",  # noqa: E501
        r"\bownership rights in the Output are set forth\b",
        r"does not claim ownership of Prompts, Creations",
        r"does not transfer to you ownership",
        r"公司不主张输出内容的所有权",
        r"输出[^。]{0,30}(归属于你|归你所有)",
    ],
}

# Items that match a rule but are not the category's clause.
EXCLUDE = {
    "no-competing-models": [
        r"training other models \(such as model distillation\)",  # DeepSeek: a permission
        r"Can we train models",  # OpenAI research list
        r"\bMeta will not use your Content\b|\bAnthropic may not train\b|\bBefore using Content\b",
        r"fine-tuned or distilled versions",
        r"does not prevent you from fine-tuning or distilling",
        r"court of competent|competent (court|authorit)",
        r"\bnot used to develop or train AI models\b",
    ],
    "no-automated-extraction": [
        r"facial images|facial recognition",
        r"anti-crawling",
        r"whether or not by automated means",
        r"\b(monitor|review) (your use|content)\b[^;]{0,60}automated|automated means\b[^;]{0,20}\bto review",  # noqa: E501
        r"collect or harvest any personal information",
        r"\bmodel scraping\b",
        r"\bSearch\b.{0,20}is the act of",
        r"对抓取、统计、获得的相关数据",
        r"query or extract data from Claude's memory",
        r"bypass any technical measures",
        r"to extract trade secrets",
        r"we reasonably believe that your conduct causes harm",
        r"应当采取安全、有效、严密的措施",
        r"may be at risk of being obtained by third parties",
    ],
    "no-reverse-engineering": [
        r"Confidential Information",
        r"Customer Claim",
    ],
    "output-ownership": [
        r"is not owned by you or",
        r"other users of the Services may create",
    ],
}

# Per service: category → regexes tried before the generic ones, or "absent" to force it.
SERVICE = {
    "xAI": {
        # The clause against competing models first appears in the version recorded 2025-01-08;
        # the 2024 item "use or display the Service in competition with us, to develop competing
        # products or services, for benchmarking ..." names no models or Output.
        "no-competing-models": [
            r"Using the Service or any Output, to develop models or services that compete with xAI"
        ],
        "no-automated-extraction": [
            r"automatically or programmatically extract data or output",
            r"crawls,.{0,5} .scrapes,",
        ],
    },
    "DeepSeek": {"no-competing-models": "absent"},
    "Doubao": {"no-automated-extraction": [r"非法抓取"]},
    # "Your Content" is defined there as "the Prompts and Responses" of your conversations.
    "Microsoft Copilot": {"output-ownership": [r"^We don’t own Your Content\b"]},
    "Mistral AI": {
        "no-competing-models": [r"Not use Outputs to develop model\(s\) that (directly )?compete"],
    },
    "Kimi AI": {
        "no-competing-models": [
            r"By using Kimi to develop, train, or improve algorithms, models",
            r"开发、训练或改善.{0,40}竞争关系的算法、模型",
        ],
    },
}

SPLIT = re.compile(r"\s+(?=\((?:[a-z]|[ivx]{1,5}|\d{1,2})\)\s)|;\s*(?:and\s+|or\s+)?|；|(?<=。)")
RUN_IN = re.compile(r"^(?:[\d.]+\s+)?\*\*([^*]{2,80}?)\.?\*\*\.?\s+(?=\S)")
MARKER = re.compile(
    r"^(?:\((?:[a-z]|[ivx]{1,5}|\d{1,2})\)|[a-z]\.|[ivx]{1,5}\.|\d{1,2}(?:\.\d{1,2})+\.?)\s+"
)  # noqa: E501


def strip_run_in(text):
    """(run-in bold heading or "", the rest): '**Output.** You own…' → ('Output', 'You own…')."""
    m = RUN_IN.match(text)
    return (m.group(1).strip(), text[m.end() :]) if m else ("", text)


def sentences(text):
    """A passage cut at Chinese full stops, run-in headings dropped (for ownership clauses)."""
    for piece in re.split(r"(?<=。)", text):
        head, piece = strip_run_in(piece.strip())
        if len(piece) > 8:
            yield head, piece


def items(text):
    """The pieces of a passage: inline list items and ';'-separated parts, markers dropped."""
    for piece in SPLIT.split(text):
        piece = strip_run_in(MARKER.sub("", piece.strip()).strip())[1]
        piece = re.sub(r"^（\d{1,2}）\s*", "", piece)
        piece = MARKER.sub("", piece.strip()).strip()
        for tail in (", or", ", and", " or", " and", ",", ";"):
            if piece.endswith(tail):
                piece = piece[: -len(tail)].rstrip()
        if len(piece) > 8:
            yield piece
