"""Chat: the reply a user reads. Picks the sentence that answers (reply_sentence), says what the
clause does not say (answer, beneficiary, sector_answer), keeps the thread of a conversation
(conversation, follow_up) and records votes (feedback).

May import: `assistant.search` and everything below it.
"""
