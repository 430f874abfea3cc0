"""Question -> a short answer with its quoted, page-linked source, or no answer with the best passages.

Offline and explainable, in separate steps: `question` reads the French question (kind of answer,
authority, date, names, focus); `records` answers from the sitting's records; `passages` finds the
sentences, table rows and header lines that share the question's words; `mentions` takes the mention
of the expected type that the best passage ties to the question. `asker` puts them together.
"""
from delibsearch.qa.answer import Answer, Source
from delibsearch.qa.asker import ANSWER_THRESHOLD, Asker
from delibsearch.qa.question import Question, read_question

__all__ = ["ANSWER_THRESHOLD", "Answer", "Asker", "Question", "Source", "read_question"]
