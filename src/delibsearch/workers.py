"""Parsing processes with a time and a memory limit per file, results handed back as they come.

A process pool of the standard library cannot stop one task: a file that makes a reading run for an
hour, or grow to many gigabytes, holds a worker and the results of every file behind it. Here each
worker is a forked process fed one task at a time over a pipe; the parent waits on all pipes at once,
yields each result the moment it arrives, kills a worker whose task passes its time limit, and starts a
new one. What a worker's address space may grow by is capped (RLIMIT_AS), so a file too large to read
ends in a MemoryError or the worker's death, reported for that file alone.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Callable, Generic, Iterable, Iterator, TypeVar

Task = TypeVar("Task")
Outcome = TypeVar("Outcome")

TOO_SLOW = "too slow: the reading passed its time limit of {seconds:.0f} s and was stopped"
TOO_LARGE = "too large: the reading passed the memory limit of {megabytes} MB or its worker died"


@dataclass
class Failure(Generic[Task]):
    """A task that gave no result: stopped for its time, or its worker died (memory)."""

    task: Task
    reason: str


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    pipe: Connection
    task: object = None
    deadline: float = 0.0


class WorkerPool(Generic[Task, Outcome]):
    """Run `work` on every task in `workers` processes; yields outcomes (or Failures) as they end."""

    def __init__(self, work: Callable[[Task], Outcome], workers: int, limit_s: Callable[[Task], float],
                 memory_mb: int | None = None) -> None:
        self.work, self.workers, self.limit_s, self.memory_mb = work, max(1, workers), limit_s, memory_mb
        self.context = multiprocessing.get_context("fork")

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome | Failure[Task]]:
        queue = list(tasks)
        queue.reverse()
        pool: list[_Worker] = []
        try:
            while queue or any(w.task is not None for w in pool):
                while queue and len([w for w in pool if w.task is not None]) < self.workers:
                    idle = next((w for w in pool if w.task is None), None) or self._start(pool)
                    self._give(idle, queue.pop())
                yield from self._collect(pool)
        finally:
            for worker in pool:
                self._stop(worker)

    def _start(self, pool: list[_Worker]) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child, self.work, self.memory_mb), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        pool.append(worker)
        return worker

    def _give(self, worker: _Worker, task: Task) -> None:
        worker.task, worker.deadline = task, time.monotonic() + self.limit_s(task)
        worker.pipe.send(task)

    def _collect(self, pool: list[_Worker]) -> Iterator[Outcome | Failure[Task]]:
        busy = [w for w in pool if w.task is not None]
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.pipe for w in busy], timeout=timeout)
        for worker in busy:
            if worker.pipe in ready:
                task = worker.task
                try:
                    outcome = worker.pipe.recv()
                except (EOFError, OSError):
                    outcome = Failure(task, TOO_LARGE.format(megabytes=self.memory_mb or "?"))
                    self._replace(pool, worker)
                else:
                    worker.task = None
                yield outcome
            elif time.monotonic() >= worker.deadline:
                task = worker.task
                self._replace(pool, worker)
                yield Failure(task, TOO_SLOW.format(seconds=self.limit_s(task)))

    def _replace(self, pool: list[_Worker], worker: _Worker) -> None:
        self._stop(worker)
        pool.remove(worker)

    @staticmethod
    def _stop(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.pipe.close()


def _address_space() -> int:
    """The process's virtual size now: the limit is what a reading may add to it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _serve(pipe: Connection, work: Callable, memory_mb: int | None) -> None:
    """A worker's loop: one task in, one outcome out, until the parent closes the pipe."""
    if memory_mb:
        limit = _address_space() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            task = pipe.recv()
        except (EOFError, OSError):
            os._exit(0)
        pipe.send(work(task))
