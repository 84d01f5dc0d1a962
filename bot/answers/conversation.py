"""Conversation: greetings, thanks, help, out-of-scope, "did you mean" and honest "I don't know"."""

from __future__ import annotations

from .. import actions
from ..reply import Button, Reply
from ..understanding.understand import Understanding
from .base import Answer, Context, button, join_paragraphs, reply


def menu_buttons(ctx: Context) -> list[list[Button]]:
    """The main topics, used by /start, help and every "I don't know"."""
    return [
        [button(ctx.tr._("What is it?"), actions.Programme("what_is")), button(ctx.tr._("The six pillars"), actions.Pillars())],
        [button(ctx.tr._("Cohorts by year"), actions.CohortTotals()), button(ctx.tr._("Find a region"), actions.FindRegion())],
    ]


def what_i_can_do(ctx: Context) -> str:
    return ctx.tr._(
        "I answer questions about Gerakan Menuju Smart City, the national smart-city programme of Kominfo (now Komdigi):\n"
        "• what it is, how regions are chosen and what they get\n"
        "• the six pillars\n"
        "• each year's cohort and how many regions joined\n"
        "• whether a kabupaten/kota takes part, e.g. \"is Kota Malang in?\"\n"
        "• the regions of a province, e.g. \"which regions of Jawa Timur joined?\"\n"
        "• ministers, officials and sources"
    )


class Greeting(Answer):
    intents = ("greeting",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        text = join_paragraphs(ctx.tr._("Hello! I am Tanya Smart City."), what_i_can_do(ctx))
        return reply(u, ctx, text, buttons=menu_buttons(ctx))


class Thanks(Answer):
    intents = ("thanks",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        return reply(u, ctx, ctx.tr._("You're welcome! Ask me anything else about the smart-city programme."))


class Help(Answer):
    intents = ("help",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        examples = ctx.tr._(
            "Try: \"apa itu smart city?\", \"kohort 2019\", \"kab oki ikut ga?\", \"daerah di jatim yang ikut\", \"smart living itu apa\"."
        )
        return reply(u, ctx, join_paragraphs(what_i_can_do(ctx), examples), buttons=menu_buttons(ctx))


class FindRegion(Answer):
    intents = ("find",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        return reply(u, ctx, ctx.tr._("Type the name of a kabupaten or kota, e.g. \"Kota Bandung\", \"OKI\" or \"Solo\"."))


class LanguageSwitch(Answer):
    """ "in english please" with nothing asked before: the language is taken; the engine answers the last
    question again when there is one."""

    intents = ("language.switch",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        # One message: its Indonesian translation names Indonesian, so each language confirms itself.
        text = ctx.tr._("All right, I will answer in English from now on. What would you like to know?")
        return reply(u, ctx, text, buttons=menu_buttons(ctx))


class OutOfScope(Answer):
    """Outside the programme. A question about what the knowledge does not hold for a named place (a city's
    population, a governor) is told so plainly, with what can be told about that place."""

    intents = ("out_of_scope",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        if u.frame.not_known:
            return not_known(u, ctx)
        sorry = ctx.tr._("Sorry, that is outside what I know. I only answer questions about the smart-city programme.")
        text = join_paragraphs(sorry, what_i_can_do(ctx))
        return reply(u, ctx, text, buttons=menu_buttons(ctx), answered=False)


class Unknown(Answer):
    intents = ("unknown",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        text = join_paragraphs(ctx.tr._("I'm not sure what you mean, and I'd rather not guess."), what_i_can_do(ctx))
        return reply(u, ctx, text, buttons=menu_buttons(ctx), answered=False)


class Clarify(Answer):
    """ "Did you mean …?" with a button per candidate region, or plainly: no such region."""

    intents = ("clarify",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        choices = [code for code, _ in (u.fuzzy.choices if u.fuzzy else ())][:4]
        name = u.fuzzy.query if u.fuzzy else u.text
        if not choices:
            text = ctx.tr._(
                "I can't find a kabupaten or kota called \"{name}\" in the official Kemendagri list. Check the spelling, "
                "or write the full name, e.g. \"Kota Bandung\"."
            ).format(name=name)
            return reply(u, ctx, text, answered=False)
        names = [ctx.knowledge.regions[c].name for c in choices]
        text = ctx.tr._("I'm not sure which region you mean by \"{name}\". Did you mean {choices}?").format(
            name=name, choices=ctx.tr.list(names, style="or")
        )
        buttons = [[button(n, actions.Region(c))] for c, n in zip(choices, names, strict=True)]
        buttons.append([button(ctx.tr._("None of these"), actions.NoneOfThese(name).fitted(ctx.limits.action_bytes))])
        return reply(u, ctx, text, buttons=buttons, answered=False)


class NoneOfThese(Answer):
    intents = ("none",)

    def answer(self, u: Understanding, ctx: Context) -> Reply:
        text = ctx.tr._("All right. Try the full name, e.g. \"Kabupaten Ogan Komering Ilir\", or ask something else.")
        return reply(u, ctx, text, answered=False)


def not_known(u: Understanding, ctx: Context) -> Reply:
    """'I don't know that: "penduduk" is not in my knowledge', then what can be told about the place named."""
    words = list(dict.fromkeys(u.frame.not_known))
    text = ctx.tr.n_(
        "I don't know that: {asked} is not in my knowledge, which holds only the smart-city programme.",
        "I don't know that: {asked} are not in my knowledge, which holds only the smart-city programme.", len(words),
    ).format(asked=ctx.tr.list([f"\"{w}\"" for w in words]))
    buttons: list[list[Button]] = []
    names: list[str] = []
    for code in u.regions[:2]:
        names.append(ctx.knowledge.regions[code].name)
        buttons.append([button(ctx.knowledge.regions[code].name, actions.Region(code))])
    if u.province and not u.regions:
        names.append(ctx.knowledge.provinces[u.province].name)
        buttons.append([button(ctx.knowledge.provinces[u.province].name, actions.Province(u.province))])
    if names:
        text = join_paragraphs(text, ctx.tr._("About {names} I can tell you whether and since when it takes part.").format(
            names=ctx.tr.list(names)))
    return reply(u, ctx, text, buttons=buttons or menu_buttons(ctx), answered=False)
